import { ConnectorError, isConnectorError, parseRetryAfter } from './connector-error.js';
import type { HealthReport } from './connector-definition.js';

/** Enough of an error body to read a vendor's reason; more is noise in a log. */
const BODY_LIMIT = 16 * 1024;

/**
 * A non-2xx answer from a service, kept raw (status, headers, body) until `translateError` turns it
 * into our vocabulary, so the translation can read the vendor's reason in the body.
 */
export class HttpFailure extends Error {
  override name = 'HttpFailure';

  constructor(
    readonly status: number,
    /** Lower-case names. */
    readonly headers: Readonly<Record<string, string>>,
    readonly body: string,
  ) {
    super(`the service answered HTTP ${status}`);
  }

  static async from(response: Response): Promise<HttpFailure> {
    const text = await response.text().catch(() => '');
    return new HttpFailure(response.status, Object.fromEntries(response.headers), text.slice(0, BODY_LIMIT));
  }

  /** The body as JSON, or undefined when it is not JSON. */
  json(): unknown {
    try {
      return JSON.parse(this.body);
    } catch {
      return undefined;
    }
  }
}

/** Throws the answer as an {@link HttpFailure} unless it is 2xx. */
export async function expectOk(response: Response): Promise<Response> {
  if (!response.ok) throw await HttpFailure.from(response);
  return response;
}

/** Reasons Google APIs give in a 403 or 429 body when a quota, not a permission, is the problem. */
const QUOTA_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'RATE_LIMIT_EXCEEDED']);

function quotaReason(failure: HttpFailure): string | undefined {
  const body = failure.json() as
    | { error?: { status?: string; errors?: Array<{ reason?: string }>; details?: Array<{ reason?: string }> } }
    | undefined;
  const reasons = [
    body?.error?.status,
    ...(body?.error?.errors ?? []).map((e) => e.reason),
    ...(body?.error?.details ?? []).map((d) => d.reason),
  ];
  return reasons.find((reason): reason is string => typeof reason === 'string' && QUOTA_REASONS.has(reason));
}

/**
 * The common translation of an HTTP failure: 429 → `rate_limited`; a 403 whose body names a quota
 * reason (Google's `rateLimitExceeded`) → `rate_limited`, not `permission`; 408/425/5xx →
 * `temporary`; 401 → `authentication`; 403 → `permission`; 404/410 → `not_found`; other 4xx →
 * `permanent`. A `Retry-After` (seconds or HTTP date) becomes `retryAfterMs`.
 */
export function errorFromHttpFailure(failure: HttpFailure, now?: Date): ConnectorError {
  const { status } = failure;
  const retryAfterMs = parseRetryAfter(failure.headers['retry-after'], now);
  const quota = quotaReason(failure);
  const text = `the service answered HTTP ${status}${quota ? ` (${quota})` : ''}`;
  if (status === 429 || (status === 403 && quota)) return new ConnectorError('rate_limited', text, retryAfterMs);
  if (status === 401) return ConnectorError.authentication(text);
  if (status === 403) return ConnectorError.permission(text);
  if (status === 404 || status === 410) return ConnectorError.notFound(text);
  if (status === 408 || status === 425 || status >= 500)
    return new ConnectorError('temporary', text, retryAfterMs, { cause: failure });
  return ConnectorError.permanent(text, failure);
}

/**
 * What most HTTP connectors' `translateError` needs: ours stay as they are, HTTP failures by
 * {@link errorFromHttpFailure}, time-outs and network failures are `temporary`, anything else too
 * (an unknown failure is worth one more try, and the attempt limit ends it).
 */
export function translateHttpError(error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  if (error instanceof HttpFailure) return errorFromHttpFailure(error);
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return ConnectorError.temporary('the service did not answer in time', error);
  if (error instanceof TypeError)
    return ConnectorError.temporary(`the service is unreachable: ${error.message}`, error);
  return ConnectorError.temporary(
    `unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    error,
  );
}

/**
 * "Test connection" for a service reachable over HTTP: a GET that must not be refused. 401/403 is
 * unhealthy (the credentials), 5xx degraded (the service's trouble, not the config), a network
 * failure or a time-out unhealthy. Never throws.
 */
export async function probeHttpHealth(
  url: string,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<HealthReport> {
  try {
    const response = await fetch(url, { method: 'GET', ...init });
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403)
      return { status: 'unhealthy', detail: `the service refused the credentials (HTTP ${response.status})` };
    return response.status >= 500
      ? { status: 'degraded', detail: `the service answers HTTP ${response.status}` }
      : { status: 'healthy' };
  } catch (error) {
    return { status: 'unhealthy', detail: translateHttpError(error).message };
  }
}
