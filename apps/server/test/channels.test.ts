import { FakeHttpReceiver } from '@escala/connector-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase } from './support/outbox.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const API_TOKEN = 'tok-Sup3r-Secret-api-token-0001';
const SIGNING_SECRET = 'sig-Sup3r-Secret-signing-0002';
const MASK = '••••••••';

describe('channels: admins connect the tools, secrets stay secret', () => {
  let t: TestApp;
  let admin: string;
  let receiver: FakeHttpReceiver;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug', ESCALA_ROLES: 'api' });
    admin = await t.login('admin', ADMIN_PASSWORD);
    receiver = await FakeHttpReceiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  const create = (body: Record<string, unknown>) => t.request('POST', '/channels', { token: admin, body });
  const webhookChannel = (name: string, config: Record<string, unknown> = {}) => ({
    connector: 'webhook',
    name,
    // The table cases below are built before the receiver starts; they never reach it.
    config: {
      url: receiver?.url ?? 'https://hooks.example.test/escala',
      apiToken: API_TOKEN,
      signingSecret: SIGNING_SECRET,
      ...config,
    },
    subscription: { eventTypes: ['ticket.urgent', 'sla.*'], tiers: ['N1'] },
  });

  it('lists the connectors the server found among the installed plugins, secret fields named', async () => {
    const response = await t.request('GET', '/connectors', { token: admin });
    expect(response.status).toBe(200);
    const webhook = response.body.items.find((c: { key: string }) => c.key === 'webhook');
    expect(webhook).toMatchObject({
      displayName: 'Webhook',
      contractVersion: 2,
      secretFields: ['apiToken', 'signingSecret'],
    });
    expect(webhook.configSchema.properties.apiToken.writeOnly).toBe(true);
  });

  it('creates a channel and answers with its secrets masked', async () => {
    const response = await create(webhookChannel('Alertas N1'));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      connector: 'webhook',
      name: 'Alertas N1',
      enabled: true,
      config: { url: receiver.url, apiToken: MASK, signingSecret: MASK, timeoutMs: 10_000 },
      subscription: { eventTypes: ['ticket.urgent', 'sla.*'], tiers: ['N1'], stages: [], tags: [], categories: [] },
      health: { status: 'unknown' },
    });
  });

  it('stores the secrets only as ciphertext, and keeps them out of the audit trail', async () => {
    const [row] = await queryDatabase<{ id: string; settings: unknown; secrets_ciphertext: string }>(
      t.databaseUrl,
      `select id, settings, secrets_ciphertext from channels where name = 'Alertas N1'`,
    );
    expect(JSON.stringify(row!.settings)).not.toContain('Sup3r-Secret');
    expect(row!.secrets_ciphertext).toMatch(/^v1\.[0-9a-f]{8}\./);
    for (const plain of [API_TOKEN, SIGNING_SECRET]) {
      expect(row!.secrets_ciphertext).not.toContain(plain);
      expect(row!.secrets_ciphertext).not.toContain(Buffer.from(plain).toString('base64'));
    }
    const audit = await queryDatabase(t.databaseUrl, `select before, after from audit_records where subject_id = $1`, [
      row!.id,
    ]);
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain('Sup3r-Secret');
  });

  it('keeps a secret sent back masked, replaces one sent anew, and never returns either', async () => {
    const { body: channel } = await create(webhookChannel('Rotating'));
    const kept = await t.request('PATCH', `/channels/${channel.id}`, {
      token: admin,
      body: { config: { ...channel.config, timeoutMs: 5000 } },
    });
    expect(kept.status).toBe(200);
    expect(kept.body.config).toMatchObject({ apiToken: MASK, signingSecret: MASK, timeoutMs: 5000 });

    await t.request('POST', `/channels/${channel.id}/test`, { token: admin });
    expect(receiver.requests.at(-1)!.headers.authorization).toBe(`Bearer ${API_TOKEN}`);

    const replaced = await t.request('PATCH', `/channels/${channel.id}`, {
      token: admin,
      body: { config: { ...channel.config, apiToken: 'tok-Sup3r-Secret-replacement-3' } },
    });
    expect(replaced.body.config.apiToken).toBe(MASK);
    await t.request('POST', `/channels/${channel.id}/test`, { token: admin });
    expect(receiver.requests.at(-1)!.headers.authorization).toBe('Bearer tok-Sup3r-Secret-replacement-3');
  });

  it("tests the connection with the connector's own check and lists the channel with that health", async () => {
    const { body: up } = await create(webhookChannel('Reachable'));
    expect((await t.request('POST', `/channels/${up.id}/test`, { token: admin })).body).toEqual({ status: 'healthy' });
    const { body: down } = await create(webhookChannel('Unreachable', { url: 'http://127.0.0.1:9/hook' }));
    const report = await t.request('POST', `/channels/${down.id}/test`, { token: admin });
    expect(report.body.status).toBe('unhealthy');
    const list = await t.request('GET', '/channels', { token: admin });
    const health = Object.fromEntries(
      list.body.items.map((c: { name: string; health: { status: string } }) => [c.name, c.health.status]),
    );
    expect(health).toMatchObject({ Reachable: 'healthy', Unreachable: 'unhealthy' });
  });

  it('enables and disables a channel', async () => {
    const { body: channel } = await create(webhookChannel('Toggle'));
    const disabled = await t.request('PATCH', `/channels/${channel.id}`, { token: admin, body: { enabled: false } });
    expect(disabled.body.enabled).toBe(false);
    expect((await t.request('GET', `/channels/${channel.id}`, { token: admin })).body.enabled).toBe(false);
  });

  it.each([
    [{ ...webhookChannel('Bad url'), config: { url: 'ftp://x' } }, 'config.url'],
    [{ ...webhookChannel('Short token'), config: { url: 'https://x.test', apiToken: 'short' } }, 'config.apiToken'],
    [{ ...webhookChannel('No types'), subscription: { eventTypes: [] } }, 'subscription.eventTypes'],
    [{ ...webhookChannel('Bad type'), subscription: { eventTypes: ['Ticket Urgent'] } }, 'subscription.eventTypes.0'],
  ])('refuses invalid input naming the field (%#)', async (body, field) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(JSON.stringify(response.body)).not.toContain('Sup3r-Secret');
  });

  it('answers 404 for a connector that is not installed, 409 for a name in use', async () => {
    expect((await create({ ...webhookChannel('Nope'), connector: 'carrier-pigeon' })).status).toBe(404);
    expect((await create(webhookChannel('alertas n1'))).status).toBe(409);
  });

  it('is for admins only', async () => {
    await t.request('POST', '/users', {
      token: admin,
      body: { login: 'leader1', displayName: 'Líder', roles: ['leader'], password: 'leader-password-123' },
    });
    const leader = await t.login('leader1', 'leader-password-123');
    expect((await t.request('GET', '/channels', { token: leader })).status).toBe(403);
    expect((await create({})).status).toBe(400);
    expect((await t.request('POST', '/channels', { token: leader, body: webhookChannel('Leader') })).status).toBe(403);
  });

  it('never wrote a secret to the logs', () => {
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [API_TOKEN, SIGNING_SECRET, 'tok-Sup3r-Secret-replacement-3', 'Sup3r-Secret'])
      expect(logs).not.toContain(secret);
  });
});
