import { describe, expect, it } from 'vitest';
import { ConnectorError, errorFromHttpStatus, parseRetryAfter } from './connector-error.js';

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Mon, 23 Nov 2026 12:00:30 GMT', 30_000],
    ['Mon, 23 Nov 2026 11:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('reads %j as %j ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('errorFromHttpStatus', () => {
  it.each([
    [429, 'rate_limited', true],
    [503, 'temporary', true],
    [500, 'temporary', true],
    [408, 'temporary', true],
    [401, 'authentication', false],
    [403, 'permission', false],
    [404, 'not_found', false],
    [410, 'not_found', false],
    [400, 'permanent', false],
    [422, 'permanent', false],
  ] as const)('translates %i to %s', (status, kind, retryable) => {
    const error = errorFromHttpStatus(status, null);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
  });

  it('keeps the wait a 429 or 503 asks for', () => {
    expect(errorFromHttpStatus(429, '7').retryAfterMs).toBe(7000);
    expect(errorFromHttpStatus(503, '2').retryAfterMs).toBe(2000);
  });
});
