import { z } from 'zod';
import { PROCESS_ROLES, parseSecretKey } from '@escala/core';
import { DEFAULT_CANCELLATION_CONTACT_HOURS, QUEUE_ORDERS } from '@escala/domain';

const port = z.coerce.number().int().min(1).max(65535);
/** Seconds an instance may keep something another instance can change (0 = off). */
const cacheSeconds = z.coerce.number().int().min(0).max(300).default(5);
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const isSecretKey = (text: string) => {
  try {
    return parseSecretKey(text).length === 32;
  } catch {
    return false;
  }
};
const secretKey = z
  .string()
  .refine(isSecretKey, 'must be 32 bytes written as base64 (openssl rand -base64 32) or 64 hex digits');
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * What docs/configuration.md says of a variable (`npm run docs:config` writes it from this schema):
 * `unset` says what happens when a variable without a default is left out.
 */
const doc = (description: string, unset?: string) => ({ description, ...(unset ? { unset } : {}) });

/** Every environment variable the server reads, each described for the generated configuration doc. */
export const ConfigSchema = z.object({
  PORT: port.default(3000).meta(doc('HTTP port')),
  HOST: z.string().min(1).default('127.0.0.1').meta(doc('HTTP interface to listen on (`0.0.0.0` to listen on all)')),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional()
    .meta(doc('`postgres://…` URL of an external PostgreSQL', 'the embedded PostgreSQL under `ESCALA_DATA_DIR`')),
  ESCALA_DATA_DIR: z
    .string()
    .min(1)
    .default('.escala')
    .meta(doc("folder of the embedded PostgreSQL's data and credentials, and of the generated secret key")),
  ESCALA_DB_PORT: port.optional().meta(doc('port of the embedded PostgreSQL (127.0.0.1 only)', 'a free port')),
  ESCALA_DB_POOL_MAX: z.coerce
    .number()
    .int()
    .min(2)
    .max(500)
    .default(20)
    .meta(doc('database connections per server process')),
  ESCALA_ADMIN_PASSWORD: z
    .string()
    .min(12, 'must be at least 12 characters')
    .max(1024)
    .optional()
    .meta(
      doc(
        'password of the first admin, used only when the database has no user yet (12 to 1024 characters)',
        'generated and printed once',
      ),
    ),
  ESCALA_SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(43_200)
    .default(720)
    .meta(doc('lifetime of a login session token')),
  ESCALA_LOGIN_MAX_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .meta(doc('failed logins per login name within `ESCALA_LOGIN_WINDOW_MINUTES` before further attempts get 429')),
  ESCALA_AUTH_CACHE_SECONDS: cacheSeconds.meta(
    doc(
      'how long each server instance remembers a resolved bearer token (0 = off); revocations and user changes ' +
        'apply at once on the instance that made them, on other instances within this time',
    ),
  ),
  ESCALA_SETTINGS_CACHE_SECONDS: cacheSeconds.meta(
    doc(
      'how long each server instance keeps the active support structure and the business calendar, read on ' +
        'every ticket change (0 = off); saves apply at once on the instance that made them, on other instances ' +
        'within this time; a ticket always records the structure version it was routed under',
    ),
  ),
  ESCALA_LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1440)
    .default(15)
    .meta(doc('the window `ESCALA_LOGIN_MAX_FAILURES` counts in')),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').meta(doc('least severe level written to the JSON log')),
  ESCALA_TIMER_TICK_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(1000)
    .meta(
      doc(
        "period of the durable-timers scheduler tick and of the playbook's timer follow-ups (third-party resend " +
          'and report); 0 turns both off in this process',
      ),
    ),
  ESCALA_SECRET_KEY: secretKey
    .optional()
    .meta(
      doc(
        '32-byte key (base64 from `openssl rand -base64 32`, or 64 hex digits) sealing connector secrets with ' +
          'AES-256-GCM; set it, and back it up, in production',
        'a key generated once into `ESCALA_DATA_DIR/secret.key` (mode 600) and reused',
      ),
    ),
  ESCALA_SECRET_KEY_PREVIOUS: z
    .string()
    .transform(list)
    .pipe(z.array(secretKey))
    .default([])
    .meta(doc('comma-separated older keys, still accepted for opening secrets during a rotation', 'none')),
  ESCALA_ROLES: z
    .string()
    .transform(list)
    .pipe(z.array(z.enum(PROCESS_ROLES)).min(1))
    .default([...PROCESS_ROLES])
    .meta(
      doc(
        'what this process runs: `api` (HTTP), `scheduler` (outbox fan-out, polls, re-queueing due deliveries), ' +
          '`worker` (deliveries)',
      ),
    ),
  ESCALA_DELIVERY_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(12)
    .meta(doc('attempts per event and channel before the dead letter')),
  ESCALA_DELIVERY_BACKOFF_BASE_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3_600_000)
    .default(2000)
    .meta(doc('first retry wait; doubles per attempt, with jitter, never below a `Retry-After`')),
  ESCALA_DELIVERY_BACKOFF_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400_000)
    .default(3_600_000)
    .meta(doc('longest backoff wait')),
  ESCALA_DELIVERY_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(30)
    .meta(doc('how long one delivery may take before another worker may take it over')),
  ESCALA_DELIVERY_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(4)
    .meta(doc('deliveries a worker process runs at once')),
  ESCALA_SCHEDULER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(60_000)
    .default(1000)
    .meta(doc('scheduler pause when idle')),
  ESCALA_LISTENER_BACKOFF_BASE_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(60_000)
    .default(1000)
    .meta(doc('first wait before a dropped listener session (IMAP IDLE) is opened again; doubles per failure')),
  ESCALA_LISTENER_BACKOFF_MAX_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(300_000)
    .meta(doc('longest wait between tries to open a listener session')),
  ESCALA_QUEUE_POLL_SECONDS: z.coerce
    .number()
    .min(0.5)
    .max(60)
    .default(2)
    .meta(doc('how often an idle worker polls the job queue')),
  ESCALA_CANCELLATION_CONTACT_HOURS: z.coerce
    .number()
    .positive()
    .max(720)
    .default(DEFAULT_CANCELLATION_CONTACT_HOURS)
    .meta(
      doc(
        'calendar hours after an agent takes a `cancelamento` ticket by which the customer contact must be ' +
          'recorded; past it, it is a pending item that blocks their next ticket (docs/playbook.md §1, §4.2)',
      ),
    ),
  ESCALA_QUEUE_ORDER: z
    .enum(QUEUE_ORDERS, {
      error:
        'must be opened-at (oldest first by when the customer opened the ticket) or queued-at (by time in the current queue)',
    })
    .default('opened-at')
    .meta(
      doc(
        'order of every tier/stage queue after the skip reasons: `opened-at` (oldest first by when the customer ' +
          'opened the ticket) or `queued-at` (by time in the current queue, so a ticket escalated in goes behind ' +
          "the queue's older arrivals); set it the same on every instance",
      ),
    ),
  /** Where people reach this server; events' deep links to tickets start with it. */
  ESCALA_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://escala.example.com' })
    .refine((url) => !/[?#]/.test(url), 'must not carry a query or a fragment')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional()
    .meta(
      doc(
        "where people reach this server (no query or fragment): events' ticket summaries link to " +
          '`<ESCALA_PUBLIC_URL>/tickets/{id}`',
        '`http://127.0.0.1:<PORT>`',
      ),
    ),
});

/** Variables whose values must never be echoed back, not even in an error message. */
export const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'ESCALA_ADMIN_PASSWORD',
  'ESCALA_SECRET_KEY',
  'ESCALA_SECRET_KEY_PREVIOUS',
]);

export type ServerConfig = z.infer<typeof ConfigSchema> & { ESCALA_PUBLIC_URL: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  // An empty variable is treated as unset, the way shells and compose files usually mean it.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (result.success)
    return {
      ...result.data,
      ESCALA_PUBLIC_URL: result.data.ESCALA_PUBLIC_URL ?? `http://127.0.0.1:${result.data.PORT}`,
    };
  const lines = result.error.issues.map((issue) => {
    const variable = String(issue.path[0]);
    const shown = SECRET_VARIABLES.has(variable) ? '' : ` (got ${JSON.stringify(present[variable])})`;
    return `  ${variable}: ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
