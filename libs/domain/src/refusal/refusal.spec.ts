import { describe, expect, it } from 'vitest';
import { isRefusal, Refusal } from './refusal.js';

describe('Refusal', () => {
  it('names every field of bad input, and says them all in its message', () => {
    const refusal = Refusal.badInput([
      { field: 'toUnit', message: 'unknown unit "N9"' },
      { field: 'reason', message: 'required' },
    ]);
    expect(Refusal.invalid('urgency', 'Describe the urgency').message).toBe('Describe the urgency');
    expect(refusal).toMatchObject({
      kind: 'bad_input',
      message: 'toUnit: unknown unit "N9"; reason: required',
      details: {
        errors: [
          { field: 'toUnit', message: 'unknown unit "N9"' },
          { field: 'reason', message: 'required' },
        ],
      },
    });
  });

  it('carries what blocks a conflict and what would be accepted instead', () => {
    const refusal = Refusal.conflict('Cannot move from closed to new', { allowed: ['in_analysis'] });
    expect([refusal.kind, refusal.details.allowed]).toEqual(['conflict', ['in_analysis']]);
    expect(isRefusal(refusal)).toBe(true);
    expect(isRefusal(new Error('x'))).toBe(false);
  });

  it('says how long to wait when there were too many attempts', () => {
    expect(Refusal.tooManyRequests('Too many failed logins', 42).details).toEqual({ retryAfterSeconds: 42 });
  });
});
