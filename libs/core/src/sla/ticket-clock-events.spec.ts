import { describe, expect, it } from 'vitest';
import { clockEventsOf, type TicketHistoryRecord } from './ticket-clock-events.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 13, minute));
const agent = 'a0000000-0000-4000-8000-000000000001';
const record = (
  minute: number,
  action: string,
  after: Record<string, unknown> | null = null,
  actorId: string | null = agent,
): TicketHistoryRecord => ({
  action,
  actorId,
  after,
  occurredAt: at(minute),
});

describe('clockEventsOf', () => {
  it('reads tiers, replies, actions, pauses and the end from a ticket history; a customer message is no reply', () => {
    const events = clockEventsOf([
      record(0, 'ticket.created', { unitKey: 'N1' }, null),
      record(1, 'ticket.replied', null, null),
      record(2, 'ticket.updated', { tags: ['x'] }),
      record(3, 'ticket.note_added'),
      record(4, 'ticket.status_changed', { status: 'waiting_customer' }),
      record(5, 'ticket.status_changed', { status: 'waiting_development' }, null),
      record(6, 'ticket.escalated', { unitKey: 'N2' }),
      record(7, 'ticket.replied'),
      record(8, 'ticket.status_changed', { status: 'resolved' }),
    ]);
    expect(events).toEqual([
      { type: 'created', at: at(0), tier: 'N1' },
      { type: 'acted', at: at(3) },
      { type: 'acted', at: at(4) },
      { type: 'paused', at: at(4), reason: 'waiting-customer' },
      { type: 'resumed', at: at(5) },
      { type: 'escalated', at: at(6), tier: 'N2' },
      { type: 'replied', at: at(7) },
      { type: 'acted', at: at(8) },
      { type: 'closed', at: at(8) },
    ]);
  });

  it('reopens a resolved or closed ticket on its current tier, without counting the reopening move as the awaited action', () => {
    const events = clockEventsOf([
      record(0, 'ticket.created', { unitKey: 'N1' }, null),
      record(1, 'ticket.escalated', { unitKey: 'N2' }),
      record(2, 'ticket.status_changed', { status: 'resolved' }),
      record(3, 'ticket.status_changed', { status: 'closed' }),
      record(4, 'ticket.status_changed', { status: 'in_analysis' }),
      record(5, 'ticket.note_added'),
    ]);
    expect(events.slice(-3)).toEqual([
      { type: 'closed', at: at(3) },
      { type: 'reopened', at: at(4), tier: 'N2' },
      { type: 'acted', at: at(5) },
    ]);
  });

  it('does not count the move a take-over makes by itself as the agent action the analysis clock waits for', () => {
    const events = clockEventsOf([
      record(0, 'ticket.created', { unitKey: 'N1' }, null),
      record(1, 'ticket.status_changed', { status: 'in_analysis', takeover: true }),
      record(2, 'ticket.note_added'),
    ]);
    expect(events).toEqual([
      { type: 'created', at: at(0), tier: 'N1' },
      { type: 'acted', at: at(2) },
    ]);
  });
});
