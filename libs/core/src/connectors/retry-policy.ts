import type { ConnectorError } from '@escala/connector-kit';

export interface RetrySettings {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * What to do after a failed attempt: retryable kinds wait an exponential backoff with full jitter
 * (so a recovering service is not hit by every channel at once), but never less than the
 * retry-after the service asked for; other kinds, or the last attempt, go to the dead letters.
 */
export function decideRetry(
  error: ConnectorError,
  attempt: number,
  settings: RetrySettings,
  random: () => number = Math.random,
): RetryDecision {
  if (!error.retryable) return { retry: false, reason: `${error.kind} errors are not retried` };
  if (attempt >= settings.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts` };
  const backoff = jitteredBackoffMs(attempt, settings.backoffBaseMs, settings.backoffMaxMs, random);
  return { retry: true, delayMs: Math.max(backoff, error.retryAfterMs ?? 0) };
}

/**
 * The wait before try `attempt + 1`: doubling from `baseMs`, capped at `maxMs`, jittered over its
 * upper half so that many channels failing together do not come back together.
 */
export function jitteredBackoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
