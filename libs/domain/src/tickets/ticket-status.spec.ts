import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  isOpenStatus,
  statusOnTakeover,
  TICKET_STATUSES,
} from './ticket-status.js';

describe('ticket status lifecycle', () => {
  it.each([
    ['new', 'in_analysis'],
    ['in_analysis', 'waiting_customer'],
    ['waiting_customer', 'in_analysis'],
    ['waiting_third_party', 'resolved'],
    ['waiting_development', 'waiting_customer'],
    ['resolved', 'closed'],
    ['resolved', 'in_analysis'],
    ['closed', 'in_analysis'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ ok: true });
  });

  it.each([
    ['new', 'closed'],
    ['in_analysis', 'new'],
    ['closed', 'resolved'],
    ['in_analysis', 'in_analysis'],
  ] as const)('refuses %s → %s and lists what is allowed', (from, to) => {
    const outcome = checkTransition(from, to);
    expect(outcome).toEqual({
      ok: false,
      reason: expect.stringContaining(`${from} to ${to}`),
      allowed: allowedTransitions(from),
    });
  });

  it('never leads back to new, and every status can move somewhere', () => {
    for (const status of TICKET_STATUSES) {
      expect(allowedTransitions(status)).not.toContain('new');
      expect(allowedTransitions(status).length).toBeGreaterThan(0);
    }
  });

  it('counts only unresolved tickets as open', () => {
    expect(TICKET_STATUSES.filter(isOpenStatus)).toEqual([
      'new',
      'in_analysis',
      'waiting_customer',
      'waiting_third_party',
      'waiting_development',
    ]);
  });

  it('starts the analysis of a new ticket an agent takes over, and leaves any later status alone', () => {
    expect(statusOnTakeover('new')).toBe('in_analysis');
    for (const status of TICKET_STATUSES.filter((s) => s !== 'new')) expect(statusOnTakeover(status)).toBeNull();
  });
});
