import { describe, expect, it } from 'vitest';
import { isRole, roleAllows } from './roles.js';

describe('roles', () => {
  it.each([
    ['agent', true],
    ['admin', true],
    ['root', false],
    ['', false],
    [42, false],
    [null, false],
  ])('isRole(%j) is %s', (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });

  it('allows when any held role is among the allowed ones', () => {
    expect(roleAllows(['agent', 'leader'], ['leader'])).toBe(true);
    expect(roleAllows(['agent'], ['leader', 'admin'])).toBe(false);
    expect(roleAllows([], ['agent'])).toBe(false);
  });
});
