import { describe, expect, it } from 'vitest';
import { clockEventsOf, clockFactOf, type TicketClockFact } from './ticket-clock-events.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 13, minute));
const agent = 'a0000000-0000-4000-8000-000000000001';
/** The fact a change leaves on a ticket now in `state`, or none when no clock cares about it. */
const record = (
  minute: number,
  action: string,
  state: { unitKey?: string; status?: string } | null = null,
  actorId: string | null = agent,
): TicketClockFact[] => {
  const fact = clockFactOf(
    action,
    { unitKey: state?.unitKey ?? 'N1', structureVersion: 1, status: state?.status ?? 'new' },
    actorId,
    at(minute),
  );
  return fact ? [fact] : [];
};
const facts = (...records: TicketClockFact[][]) => records.flat();

describe('clockEventsOf', () => {
  it('reads units entered, replies, actions, pauses and the end from a ticket history; a customer message is no reply', () => {
    const events = clockEventsOf(
      facts(
        record(0, 'ticket.created', { unitKey: 'N1' }, null),
        record(1, 'ticket.replied', null, null),
        record(2, 'ticket.updated'),
        record(3, 'ticket.note_added'),
        record(4, 'ticket.status_changed', { status: 'waiting_customer' }),
        record(5, 'ticket.status_changed', { status: 'waiting_development' }, null),
        record(6, 'ticket.escalated', { unitKey: 'N2' }),
        record(7, 'ticket.replied'),
        record(8, 'ticket.status_changed', { status: 'resolved' }),
      ),
    );
    expect(events).toEqual([
      { type: 'created', at: at(0), unitKey: 'N1' },
      { type: 'acted', at: at(3) },
      { type: 'acted', at: at(4) },
      { type: 'paused', at: at(4), reason: 'waiting-customer' },
      { type: 'resumed', at: at(5) },
      { type: 'escalated', at: at(6), unitKey: 'N2' },
      { type: 'replied', at: at(7) },
      { type: 'acted', at: at(8) },
      { type: 'closed', at: at(8) },
    ]);
  });

  it('reopens a resolved or closed ticket on its current unit, without counting the reopening move as the awaited action', () => {
    const events = clockEventsOf(
      facts(
        record(0, 'ticket.created', { unitKey: 'N1' }, null),
        record(1, 'ticket.escalated', { unitKey: 'N2' }),
        record(2, 'ticket.status_changed', { status: 'resolved' }),
        record(3, 'ticket.status_changed', { status: 'closed' }),
        record(4, 'ticket.status_changed', { status: 'in_analysis' }),
        record(5, 'ticket.note_added'),
      ),
    );
    expect(events.slice(-3)).toEqual([
      { type: 'closed', at: at(3) },
      { type: 'reopened', at: at(4), unitKey: 'N2' },
      { type: 'acted', at: at(5) },
    ]);
  });

  it('leaves no fact for a take-over, so the move to in_analysis it makes is not the action the analysis clock waits for', () => {
    const events = clockEventsOf(
      facts(
        record(0, 'ticket.created', { unitKey: 'N1' }, null),
        record(1, 'ticket.taken', { status: 'in_analysis' }),
        record(2, 'ticket.note_added'),
      ),
    );
    expect(events).toEqual([
      { type: 'created', at: at(0), unitKey: 'N1' },
      { type: 'acted', at: at(2) },
    ]);
  });
});

describe('clockFactOf', () => {
  it('keeps the unit and structure version entered, or the status moved to, and nothing for changes no clock reads', () => {
    const ticket = { unitKey: 'N2', structureVersion: 3, status: 'waiting_customer' };
    expect(clockFactOf('ticket.escalated', ticket, agent, at(0))).toEqual({
      kind: 'escalated',
      actorId: agent,
      unitKey: 'N2',
      structureVersion: 3,
      status: null,
      occurredAt: at(0),
    });
    expect(clockFactOf('ticket.status_changed', ticket, null, at(1))).toMatchObject({
      kind: 'status-changed',
      unitKey: null,
      status: 'waiting_customer',
    });
    expect(clockFactOf('ticket.taken', ticket, agent, at(2))).toBeNull();
  });
});
