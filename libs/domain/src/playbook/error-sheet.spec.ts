import { describe, expect, it } from 'vitest';
import { mayAuthoriseErrorSheet } from './error-sheet.js';

describe('error-correction sheet authorisation', () => {
  it.each([
    [['leader'], null, true],
    [['agent'], 'N2', true],
    [['agent'], 'N1', false],
    [['agent'], 'N3', false],
    [['agent'], null, false],
    [['admin'], null, false],
    [['relationship'], 'N2', true],
  ] as const)('roles %j in tier %s → allowed %s', (roles, tier, allowed) => {
    expect(mayAuthoriseErrorSheet({ roles, tier }).allowed).toBe(allowed);
  });

  it('says why a refusal happens and where the caller stands', () => {
    expect(mayAuthoriseErrorSheet({ roles: ['agent'], tier: 'N1' })).toEqual({
      allowed: false,
      reason:
        'Only a leader (supervisor) or an agent of N2 may authorise including a case in the error-correction sheet; you are in N1',
    });
  });

  it('names the decision refused when it is a decline', () => {
    expect(mayAuthoriseErrorSheet({ roles: ['agent'], tier: 'N3' }, 'decline')).toMatchObject({
      reason:
        'Only a leader (supervisor) or an agent of N2 may decline including a case in the error-correction sheet; you are in N3',
    });
  });
});
