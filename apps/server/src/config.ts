import { z } from 'zod';
import { PROCESS_ROLES, parseSecretKey } from '@escala/core';
import { DEFAULT_CANCELLATION_CONTACT_HOURS, QUEUE_ORDERS } from '@escala/domain';

const port = z.coerce.number().int().min(1).max(65535);
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

/** Every environment variable the server reads. The README's configuration table mirrors this. */
const ConfigSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  ESCALA_DATA_DIR: z.string().min(1).default('.escala'),
  ESCALA_DB_PORT: port.optional(),
  ESCALA_DB_POOL_MAX: z.coerce.number().int().min(2).max(500).default(20),
  ESCALA_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
  ESCALA_SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(43_200).default(720),
  ESCALA_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  ESCALA_AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  ESCALA_SETTINGS_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  ESCALA_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ESCALA_TIMER_TICK_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  ESCALA_SECRET_KEY: secretKey.optional(),
  ESCALA_SECRET_KEY_PREVIOUS: z.string().transform(list).pipe(z.array(secretKey)).default([]),
  ESCALA_ROLES: z
    .string()
    .transform(list)
    .pipe(z.array(z.enum(PROCESS_ROLES)).min(1))
    .default([...PROCESS_ROLES]),
  ESCALA_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  ESCALA_DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(2000),
  ESCALA_DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(3_600_000),
  ESCALA_DELIVERY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  ESCALA_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  ESCALA_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  ESCALA_QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  ESCALA_CANCELLATION_CONTACT_HOURS: z.coerce.number().positive().max(720).default(DEFAULT_CANCELLATION_CONTACT_HOURS),
  ESCALA_QUEUE_ORDER: z
    .enum(QUEUE_ORDERS, {
      error:
        'must be opened-at (oldest first by when the customer opened the ticket) or queued-at (by time in the current queue)',
    })
    .default('opened-at'),
  /** Where people reach this server; events' deep links to tickets start with it. */
  ESCALA_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://escala.example.com' })
    .refine((url) => !/[?#]/.test(url), 'must not carry a query or a fragment')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
});

/** Variables whose values must never be echoed back, not even in an error message. */
const SECRET_VARIABLES = new Set([
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
