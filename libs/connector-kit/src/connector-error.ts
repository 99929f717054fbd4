/**
 * The one error vocabulary of the connector platform. Each connector translates its vendor's errors
 * into these kinds in one place (`translateError`); retry and alert logic only ever sees them.
 */
export const CONNECTOR_ERROR_KINDS = [
  'temporary',
  'rate_limited',
  'authentication',
  'permission',
  'invalid_configuration',
  'not_found',
  'permanent',
] as const;

export type ConnectorErrorKind = (typeof CONNECTOR_ERROR_KINDS)[number];

/** Kinds worth another attempt later; the others need a person (fix credentials, config, data). */
const RETRYABLE: ReadonlySet<ConnectorErrorKind> = new Set(['temporary', 'rate_limited']);

export class ConnectorError extends Error {
  override name = 'ConnectorError';

  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    /** For `rate_limited`: how long the service asked us to wait, in milliseconds. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  static temporary(message: string, cause?: unknown) {
    return new ConnectorError('temporary', message, undefined, { cause });
  }
  static rateLimited(message: string, retryAfterMs?: number) {
    return new ConnectorError('rate_limited', message, retryAfterMs);
  }
  static authentication(message: string) {
    return new ConnectorError('authentication', message);
  }
  static permission(message: string) {
    return new ConnectorError('permission', message);
  }
  static invalidConfiguration(message: string) {
    return new ConnectorError('invalid_configuration', message);
  }
  static notFound(message: string) {
    return new ConnectorError('not_found', message);
  }
  static permanent(message: string, cause?: unknown) {
    return new ConnectorError('permanent', message, undefined, { cause });
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date. Returns milliseconds from `now`, or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}
