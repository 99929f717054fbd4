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
  const ceiling = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** (attempt - 1));
  const backoff = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return { retry: true, delayMs: Math.max(backoff, error.retryAfterMs ?? 0) };
}
