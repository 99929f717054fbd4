import { drive, type drive_v3 } from '@googleapis/drive';
import { auth, sheets, type sheets_v4 } from '@googleapis/sheets';
import { ConnectorError, errorFromHttpFailure, HttpFailure, translateHttpError } from '@escala/connector-kit';
import type { GoogleSheetsConfig } from './google-sheets.config.js';
import { bucketFor, withBackoff, type TokenBucket } from './quota.js';

const SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive.metadata.readonly',
];
const ATTEMPTS = 5;

/** A gaxios failure carries the answer: turn it into the kit's HttpFailure so the kit's translation reads the reason. */
export function translateGoogleError(error: unknown): ConnectorError {
  const response = (error as { response?: { status?: number; headers?: unknown; data?: unknown } } | null)?.response;
  if (response && typeof response.status === 'number') {
    const headers = headerRecord(response.headers);
    const body = typeof response.data === 'string' ? response.data : JSON.stringify(response.data ?? '');
    const failure = new HttpFailure(response.status, headers, body);
    // Google answers a write into a protected range with 400: a configuration problem, not bad data.
    if (response.status === 400 && /protected cell or object/i.test(body))
      return ConnectorError.permission(
        'the sheet refused the write: a protected range the service account may not edit',
      );
    return errorFromHttpFailure(failure);
  }
  return translateHttpError(error);
}

/** gaxios hands a fetch `Headers` (not always this realm's class) or, in older versions, a plain object. */
function headerRecord(headers: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers && typeof (headers as Headers).forEach === 'function')
    (headers as Headers).forEach((value, name) => (record[name.toLowerCase()] = value));
  else for (const [name, value] of Object.entries(headers ?? {})) record[name.toLowerCase()] = String(value);
  return record;
}

function authFor(config: GoogleSheetsConfig) {
  const { credentials } = config;
  if (credentials.type === 'service_account') {
    const jwt = new auth.JWT({ email: credentials.client_email, key: credentials.private_key, scopes: SCOPES });
    // A self-signed token: no call to Google's token endpoint, so proxies and emulators need nothing more.
    jwt.useJWTAccessWithScope = true;
    return jwt;
  }
  const client = new auth.OAuth2();
  client.setCredentials({ access_token: credentials.token });
  return client;
}

export function accountOf(config: GoogleSheetsConfig): string {
  return config.credentials.type === 'service_account' ? config.credentials.client_email : config.credentials.account;
}

/**
 * The real googleapis clients for one channel, every call through the service account's token
 * bucket and with backoff. gaxios' own retries are off: it would retry GETs behind the bucket's back.
 */
export class GoogleApi {
  readonly sheets: sheets_v4.Sheets;
  readonly drive: drive_v3.Drive;
  private readonly bucket: TokenBucket;

  constructor(
    readonly config: GoogleSheetsConfig,
    private readonly signal: AbortSignal,
  ) {
    const client = authFor(config);
    const common = { auth: client, retry: false, timeout: config.timeoutMs } as const;
    this.sheets = sheets({ version: 'v4', rootUrl: config.sheetsUrl, ...common });
    this.drive = drive({ version: 'v3', rootUrl: config.driveUrl, ...common });
    this.bucket = bucketFor(accountOf(config), config.requestsPerMinute);
  }

  /** One request, counted against the quota, no retry. */
  async once<T>(call: (signal: AbortSignal) => Promise<{ data: T }>): Promise<T> {
    await this.bucket.take(this.signal);
    try {
      return (await call(this.signal)).data;
    } catch (error) {
      throw translateGoogleError(error);
    }
  }

  /** A read (or an idempotent write): retried on 429/5xx/quota 403 with backoff. */
  async call<T>(call: (signal: AbortSignal) => Promise<{ data: T }>): Promise<T> {
    const outcome = await withBackoff(() => this.once(call), translateGoogleError, this.backoff());
    return (outcome as { value: T }).value;
  }

  /**
   * A write that must not happen twice (adding a row): before each retry `landed` checks whether
   * the failed attempt was applied after all; then it is not repeated and undefined is returned.
   */
  async write<T>(
    call: (signal: AbortSignal) => Promise<{ data: T }>,
    landed: () => Promise<boolean>,
  ): Promise<T | undefined> {
    const outcome = await withBackoff(() => this.once(call), translateGoogleError, { ...this.backoff(), landed });
    return 'value' in outcome ? outcome.value : undefined;
  }

  private backoff() {
    return { attempts: ATTEMPTS, baseMs: 1_000, maxMs: 32_000, signal: this.signal };
  }
}
