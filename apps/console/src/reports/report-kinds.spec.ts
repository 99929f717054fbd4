import { describe, expect, it } from 'vitest';
import { lastThirtyDays } from './report-kinds';

describe('the default report period', () => {
  it('covers the 30 days ending today, across a month end', () => {
    expect(lastThirtyDays(new Date(2026, 11, 3, 15, 0))).toEqual({ from: '2026-11-04', to: '2026-12-03' });
  });
});
