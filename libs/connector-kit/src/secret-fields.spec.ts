import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SECRET_MASK, maskSecrets, secret, secretKeys, splitSecrets } from './secret-fields.js';

const schema = z.object({
  url: z.url(),
  token: secret(z.string().min(8)),
  signingKey: secret(z.string()).optional(),
  retries: z.number().default(3),
});

describe('secret fields', () => {
  it('finds the fields marked secret, also behind optional', () => {
    expect(secretKeys(schema)).toEqual(['token', 'signingKey']);
  });

  it('still validates a secret field with its own rules', () => {
    expect(schema.safeParse({ url: 'https://x.test', token: 'short' }).success).toBe(false);
  });

  it('splits a config into clear settings and secrets', () => {
    const config = schema.parse({ url: 'https://x.test', token: 'tok-12345678' });
    expect(splitSecrets(schema, config)).toEqual({
      settings: { url: 'https://x.test', retries: 3 },
      secrets: { token: 'tok-12345678' },
    });
  });

  it('masks secrets that are present and leaves absent ones absent', () => {
    expect(maskSecrets(schema, { url: 'https://x.test', token: 'tok-12345678' })).toEqual({
      url: 'https://x.test',
      token: SECRET_MASK,
    });
  });

  it('documents secrets as write-only in the JSON Schema', () => {
    const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, { writeOnly?: boolean }> };
    expect(json.properties.token?.writeOnly).toBe(true);
    expect(json.properties.url?.writeOnly).toBeUndefined();
  });
});
