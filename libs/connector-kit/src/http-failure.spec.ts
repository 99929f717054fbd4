import { describe, expect, it } from 'vitest';
import { ConnectorError } from './connector-error.js';
import { errorFromHttpFailure, HttpFailure, translateHttpError } from './http-failure.js';

const failure = (status: number, headers: Record<string, string> = {}, body = '') =>
  new HttpFailure(status, headers, body);

describe('errorFromHttpFailure', () => {
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
    const error = errorFromHttpFailure(failure(status));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
  });

  it('keeps the wait a 429 or 503 asks for, in seconds or as an HTTP date', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    expect(errorFromHttpFailure(failure(429, { 'retry-after': '7' }), now).retryAfterMs).toBe(7000);
    expect(
      errorFromHttpFailure(failure(503, { 'retry-after': 'Thu, 03 Dec 2026 12:00:30 GMT' }), now).retryAfterMs,
    ).toBe(30_000);
  });

  it.each([
    ['rateLimitExceeded', { error: { code: 403, errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits' }] } }],
    ['userRateLimitExceeded', { error: { code: 403, errors: [{ reason: 'userRateLimitExceeded' }] } }],
    ['RATE_LIMIT_EXCEEDED (Sheets v4 details)', { error: { code: 403, details: [{ reason: 'RATE_LIMIT_EXCEEDED' }] } }],
  ])("reads Google's 403 %s as rate limited, not a permission problem", (_name, body) => {
    const error = errorFromHttpFailure(failure(403, { 'content-type': 'application/json' }, JSON.stringify(body)));
    expect(error.kind).toBe('rate_limited');
  });

  it.each([
    ['a permission refusal', '{"error":{"code":403,"errors":[{"reason":"forbidden"}]}}'],
    ['a body that is not JSON', '<html>Forbidden</html>'],
  ])('keeps a 403 with %s a permission problem', (_name, body) => {
    expect(errorFromHttpFailure(failure(403, {}, body)).kind).toBe('permission');
  });
});

describe('HttpFailure', () => {
  it('keeps status, headers and body of the answer', async () => {
    const read = await HttpFailure.from(
      new Response('{"error":"quota"}', { status: 429, headers: { 'Retry-After': '3' } }),
    );
    expect(read).toMatchObject({ status: 429, body: '{"error":"quota"}' });
    expect(read.headers['retry-after']).toBe('3');
    expect(read.json()).toEqual({ error: 'quota' });
  });
});

describe('translateHttpError', () => {
  it.each([
    ['a network failure', new TypeError('fetch failed'), 'temporary'],
    ['a time-out', new DOMException('timed out', 'TimeoutError'), 'temporary'],
    ['an HTTP failure', failure(401), 'authentication'],
    ['anything else', 'a string', 'temporary'],
  ])('translates %s to %s', (_name, error, kind) => {
    expect(translateHttpError(error).kind).toBe(kind);
  });

  it('keeps ours as they are', () => {
    const ours = ConnectorError.permission('no');
    expect(translateHttpError(ours)).toBe(ours);
  });
});
