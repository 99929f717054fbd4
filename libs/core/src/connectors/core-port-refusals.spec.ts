import { ConnectorError } from '@escala/connector-kit';
import { Refusal } from '@escala/domain';
import { describe, expect, it } from 'vitest';
import { asConnectorError, raceLost } from './core-port-refusals.js';

describe('the core refusing a connector', () => {
  it('names every field of bad input, as the HTTP answer does, and does not ask for a retry', () => {
    const error = asConnectorError(
      Refusal.badInput([{ field: 'category', message: 'unknown category "astrologia"' }], 'Invalid ticket'),
    ) as ConnectorError;
    expect([error.kind, error.message, error.retryable]).toEqual([
      'permanent',
      'refused by the core: category: unknown category "astrologia"',
      false,
    ]);
  });

  it.each([
    [Refusal.notFound('No ticket with id 7'), 'not_found', false],
    [Refusal.conflict('The partner was already notified'), 'permanent', false],
    [Refusal.forbidden('N3 does not talk to customers'), 'permanent', false],
    [Refusal.unavailable('The database is restarting'), 'temporary', true],
  ])('turns %s into a %s connector error', (refusal, kind, retryable) => {
    const error = asConnectorError(refusal) as ConnectorError;
    expect([error.kind, error.retryable, error.cause]).toEqual([kind, retryable, refusal]);
    expect(error.message).toBe(`refused by the core: ${refusal.message}`);
  });

  it('keeps the wait of an overloaded core', () => {
    expect(asConnectorError(Refusal.tooManyRequests('slow down', 3))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3000,
    });
  });

  it('leaves other failures as they are, and turns a lost race on a reference into a retry', () => {
    const failure = new Error('socket hang up');
    expect(asConnectorError(failure)).toBe(failure);
    expect(() => raceLost(Refusal.conflict('P-1 is already linked to another ticket'))).toThrow(
      expect.objectContaining({ kind: 'temporary' }),
    );
    expect(() => raceLost(failure)).toThrow(failure);
  });
});
