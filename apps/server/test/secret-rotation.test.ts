import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSecretsSealer, generateSecretKey, parseSecretKey, SecretBox } from '@escala/core';
import { queryDatabase } from './support/outbox.js';
import { ADMIN_PASSWORD, startTestApp, TEST_SECRET_KEY, type TestApp } from './support/test-app.js';
import { buildServer, startServerProcess } from './support/worker-process.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKER = { ESCALA_ROLES: 'worker', ESCALA_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' };

describe('secret key rotation', () => {
  let t: TestApp;
  let channelId: string;
  const newKey = generateSecretKey();
  const sealed = async () =>
    (
      await queryDatabase<{ secrets_ciphertext: string }>(
        t.databaseUrl,
        'select secrets_ciphertext from channels where id = $1',
        [channelId],
      )
    )[0]!.secrets_ciphertext;

  beforeAll(async () => {
    [t] = await Promise.all([startTestApp({ ESCALA_ROLES: 'api' }), buildServer()]);
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const response = await t.request('POST', '/channels', {
      token: admin,
      body: {
        connector: 'webhook',
        name: 'Rotated',
        config: { url: 'https://hooks.example.test/x', apiToken: 'tok-rotate-me-0001' },
        subscription: { eventTypes: ['*'] },
      },
    });
    channelId = response.body.id;
    // A token cache the channel keeps for itself (`port.secrets`, as the Teams connector's), sealed with the old key.
    const cache = channelSecretsSealer(new SecretBox(parseSecretKey(TEST_SECRET_KEY)), channelId).seal(
      'token-cache-0001',
    );
    await queryDatabase(
      t.databaseUrl,
      `insert into channel_state (channel_id, key, value, bytes, updated_at) values ($1, 'sealed/msal-cache', to_jsonb($2::text), $3, now())`,
      [channelId, cache, cache.length + 2],
    );
  });
  const sealedState = async () =>
    (
      await queryDatabase<{ value: string }>(
        t.databaseUrl,
        `select value from channel_state where channel_id = $1 and key = 'sealed/msal-cache'`,
        [channelId],
      )
    )[0]!.value;
  afterAll(() => t.close());

  it('refuses to start with a key that cannot open the stored secrets, rather than lose them', async () => {
    await expect(
      startServerProcess({ ...WORKER, DATABASE_URL: t.databaseUrl, ESCALA_SECRET_KEY: newKey }),
    ).rejects.toThrow(/Cannot read connector secrets: 1 channel\(s\) sealed with key [0-9a-f]{8}/);
  });

  it('re-seals every channel with the new key (npm run secrets:rotate), after which the old key can go', async () => {
    const before = await sealed();
    const cacheBefore = await sealedState();
    const { stdout } = await promisify(execFile)(process.execPath, ['apps/server/dist/rotate-secrets.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: t.databaseUrl,
        ESCALA_SECRET_KEY: newKey,
        ESCALA_SECRET_KEY_PREVIOUS: TEST_SECRET_KEY,
      },
    });
    expect(stdout).toContain('Re-sealed the secrets of 1 channel(s) and 1 secret(s) channels keep');
    const after = await sealed();
    expect(after).not.toBe(before);
    const onlyNewKey = new SecretBox(parseSecretKey(newKey));
    expect(onlyNewKey.open(after, channelId)).toEqual({ apiToken: 'tok-rotate-me-0001' });
    const cacheAfter = await sealedState();
    expect(cacheAfter).not.toBe(cacheBefore);
    expect(channelSecretsSealer(onlyNewKey, channelId).open(cacheAfter)).toBe('token-cache-0001');

    const server = await startServerProcess({ ...WORKER, DATABASE_URL: t.databaseUrl, ESCALA_SECRET_KEY: newKey });
    server.child.kill('SIGKILL');
    await server.exited;
  });
});
