import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('formatDuration', () => {
  it.each([
    [45 * 60_000, '45 min'],
    [125 * 60_000, '2 h 05 min'],
    [(3 * 24 + 4) * 3_600_000, '3 d 4 h'],
    [-30 * 60_000, '-30 min'],
  ])('says %i ms as %s', (ms, text) => {
    expect(formatDuration(ms, 'pt-BR')).toBe(text);
  });
});
