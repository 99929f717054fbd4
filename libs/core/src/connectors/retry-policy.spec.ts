import { ConnectorError } from '@escala/connector-kit';
import { describe, expect, it } from 'vitest';
import { decideRetry } from './retry-policy.js';

const settings = { maxAttempts: 5, backoffBaseMs: 1000, backoffMaxMs: 10_000 };
const temporary = ConnectorError.temporary('503');

describe('decideRetry', () => {
  it('doubles the wait at each attempt, jittered within the upper half, up to the maximum', () => {
    const waits = (random: number) =>
      [1, 2, 3, 4].map((attempt) => decideRetry(temporary, attempt, settings, () => random));
    expect(waits(0)).toEqual([500, 1000, 2000, 4000].map((delayMs) => ({ retry: true, delayMs })));
    expect(waits(1)).toEqual([1000, 2000, 4000, 8000].map((delayMs) => ({ retry: true, delayMs })));
    expect(decideRetry(temporary, 4, { ...settings, backoffMaxMs: 3000 }, () => 1)).toEqual({
      retry: true,
      delayMs: 3000,
    });
  });

  it('waits at least what a rate limit asked for', () => {
    expect(decideRetry(ConnectorError.rateLimited('429', 30_000), 1, settings, () => 0)).toEqual({
      retry: true,
      delayMs: 30_000,
    });
    expect(decideRetry(ConnectorError.rateLimited('429', 10), 3, settings, () => 0)).toEqual({
      retry: true,
      delayMs: 2000,
    });
  });

  it('gives up after the last attempt', () => {
    expect(decideRetry(temporary, 5, settings)).toEqual({ retry: false, reason: 'gave up after 5 attempts' });
  });

  it.each(['authentication', 'permission', 'invalid_configuration', 'not_found', 'permanent'] as const)(
    'does not retry %s errors',
    (kind) => {
      expect(decideRetry(new ConnectorError(kind, 'x'), 1, settings).retry).toBe(false);
    },
  );
});
