import { createHash, randomBytes } from 'node:crypto';

const PREFIX = { session: 'ess_', api: 'esa_' } as const;

/** A fresh bearer token; the prefix tells a leaked token's kind at a glance (secret scanners). */
export function newBearerToken(kind: keyof typeof PREFIX): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so one SHA-256 is enough to keep them useless if the table leaks. */
export function hashBearerToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
