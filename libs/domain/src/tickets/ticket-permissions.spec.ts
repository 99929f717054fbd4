import { describe, expect, it } from 'vitest';
import { N1_N5, TWO_STAGE_N1 } from '../structure/presets.js';
import { decideTicketAction, type TicketActor } from './ticket-permissions.js';

const agent = (unitKey: string | null, userId = 'u-agent'): TicketActor => ({ userId, roles: ['agent'], unitKey });
const ticket = { unitKey: 'N3', assigneeId: 'u-n3', spocId: 'u-n1' };

describe('public replies', () => {
  it('refuses an N3 agent, saying N3 does not talk to customers', () => {
    expect(decideTicketAction(N1_N5, agent('N3'), 'reply_public', ticket)).toEqual({
      allowed: false,
      reason: expect.stringContaining('N3 (Nível 3 — Engenheiro de Sistema) does not talk to customers'),
    });
  });

  it('lets the N1 SPOC answer the customer while N3 holds the ticket', () => {
    expect(decideTicketAction(N1_N5, agent('N1', 'u-n1'), 'reply_public', ticket)).toEqual({ allowed: true });
  });

  it('lets every unit of the two-stage preset answer customers', () => {
    for (const unit of TWO_STAGE_N1.units) {
      expect(decideTicketAction(TWO_STAGE_N1, agent(unit.key), 'reply_public', ticket)).toEqual({ allowed: true });
    }
  });

  it('refuses an agent outside the structure, but not a leader or the relationship desk', () => {
    expect(decideTicketAction(N1_N5, agent(null), 'reply_public', ticket).allowed).toBe(false);
    expect(decideTicketAction(N1_N5, agent('N9'), 'reply_public', ticket)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('N9'),
    });
    expect(
      decideTicketAction(N1_N5, { userId: 'l', roles: ['leader'], unitKey: null }, 'reply_public', ticket).allowed,
    ).toBe(true);
    expect(
      decideTicketAction(N1_N5, { userId: 'r', roles: ['relationship'], unitKey: null }, 'reply_public', ticket)
        .allowed,
    ).toBe(true);
  });
});

describe('escalation', () => {
  it('is for the unit holding the ticket, its assignee or SPOC, and leaders', () => {
    expect(decideTicketAction(N1_N5, agent('N3'), 'escalate', ticket).allowed).toBe(true);
    expect(decideTicketAction(N1_N5, agent('N1', 'u-n1'), 'escalate', ticket).allowed).toBe(true);
    expect(
      decideTicketAction(N1_N5, { userId: 'l', roles: ['leader'], unitKey: 'N5' }, 'escalate', ticket).allowed,
    ).toBe(true);
    expect(decideTicketAction(N1_N5, agent('N4'), 'escalate', ticket)).toEqual({
      allowed: false,
      reason: "Only N3, the ticket's assignee or SPOC, or a leader may escalate this ticket",
    });
  });
});
