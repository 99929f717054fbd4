import { z } from 'zod';

/** What the API shows instead of a secret's value. Sending it back on update keeps the stored secret. */
export const SECRET_MASK = '••••••••';

const secretRegistry = z.registry();

/**
 * Marks a top-level config field as secret: stored encrypted, never returned by the API, never
 * logged. In the JSON Schema it is `writeOnly`, which is what OpenAPI calls "send, never read".
 */
export function secret<T extends z.ZodType>(schema: T): T {
  const marked = schema.meta({ writeOnly: true, 'x-secret': true }) as T;
  secretRegistry.add(marked);
  return marked;
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** The names of the config fields marked with {@link secret}. */
export function secretKeys(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => secretRegistry.has(field as z.ZodType) || secretRegistry.has(unwrapped(field as z.ZodType)))
    .map(([key]) => key);
}

/** Separates a validated config into what may be stored in clear and what must be encrypted. */
export function splitSecrets(
  schema: z.ZodObject,
  config: Record<string, unknown>,
): { settings: Record<string, unknown>; secrets: Record<string, unknown> } {
  const keys = new Set(secretKeys(schema));
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (keys.has(key)) secrets[key] = value;
    else settings[key] = value;
  }
  return { settings, secrets };
}

/** The config as anyone outside the process may see it: every secret present is replaced by the mask. */
export function maskSecrets(schema: z.ZodObject, config: Record<string, unknown>): Record<string, unknown> {
  const masked = { ...config };
  for (const key of secretKeys(schema)) {
    if (masked[key] !== undefined && masked[key] !== null) masked[key] = SECRET_MASK;
  }
  return masked;
}
