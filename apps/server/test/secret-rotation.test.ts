import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecretKey, parseSecretKey, SecretBox } from '@escala/core';
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
  });
  afterAll(() => t.close());

  it('refuses to start with a key that cannot open the stored secrets, rather than lose them', async () => {
    await expect(
      startServerProcess({ ...WORKER, DATABASE_URL: t.databaseUrl, ESCALA_SECRET_KEY: newKey }),
    ).rejects.toThrow(/Cannot read connector secrets: 1 channel\(s\) sealed with key [0-9a-f]{8}/);
  });

  it('re-seals every channel with the new key (npm run secrets:rotate), after which the old key can go', async () => {
    const before = await sealed();
    const { stdout } = await promisify(execFile)(process.execPath, ['apps/server/dist/rotate-secrets.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: t.databaseUrl,
        ESCALA_SECRET_KEY: newKey,
        ESCALA_SECRET_KEY_PREVIOUS: TEST_SECRET_KEY,
      },
    });
    expect(stdout).toContain('Re-sealed the secrets of 1 channel(s)');
    const after = await sealed();
    expect(after).not.toBe(before);
    expect(new SecretBox(parseSecretKey(newKey)).open(after, channelId)).toEqual({ apiToken: 'tok-rotate-me-0001' });

    const server = await startServerProcess({ ...WORKER, DATABASE_URL: t.databaseUrl, ESCALA_SECRET_KEY: newKey });
    server.child.kill('SIGKILL');
    await server.exited;
  });
});
