import { ConnectorError } from '@escala/connector-kit';

/**
 * A token bucket per service account: Google counts ~60 requests a minute per user per project, and
 * a service account is one user however many channels share it. Full at start, refilled evenly.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt = Date.now();

  constructor(readonly perMinute: number) {
    this.tokens = perMinute;
  }

  /** Waits for a token; aborting the signal gives up waiting. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const waitMs = Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute);
      await sleep(waitMs, signal);
    }
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.updatedAt) * this.perMinute) / 60_000);
    this.updatedAt = now;
  }
}

const buckets = new Map<string, TokenBucket>();

/** The bucket of one service account, shared by every channel using it in this process. */
export function bucketFor(account: string, perMinute: number): TokenBucket {
  let bucket = buckets.get(account);
  if (!bucket || bucket.perMinute !== perMinute) {
    bucket = new TokenBucket(perMinute);
    buckets.set(account, bucket);
  }
  return bucket;
}

export interface BackoffOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  signal?: AbortSignal;
  /**
   * Before a retry: whether the failed attempt landed after all (a POST answered 5xx after it was
   * applied). When it says yes the call is not repeated.
   */
  landed?: () => Promise<boolean>;
}

/** Delay before attempt `n + 1` (n ≥ 1): the service's Retry-After when it gave one, else exponential with jitter. */
export function backoffDelay(
  attempt: number,
  error: ConnectorError,
  options: Pick<BackoffOptions, 'baseMs' | 'maxMs'>,
) {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, options.maxMs);
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1));
  return exponential / 2 + Math.random() * (exponential / 2);
}

/**
 * Runs a call, retrying `rate_limited` and `temporary` failures with backoff; anything else, or
 * the last failure, is thrown (the platform retries the delivery or poll later). Returns undefined
 * when `landed` found that a failed attempt had in fact been applied.
 */
export async function withBackoff<T>(
  call: () => Promise<T>,
  translate: (error: unknown) => ConnectorError,
  options: BackoffOptions,
): Promise<{ value: T } | { landed: true }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { value: await call() };
    } catch (raw) {
      const error = translate(raw);
      if (!error.retryable || attempt >= options.attempts) throw error;
      await sleep(backoffDelay(attempt, error, options), options.signal);
      if (options.landed && (await options.landed())) return { landed: true };
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(ConnectorError.temporary('gave up waiting: the call was aborted'));
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
