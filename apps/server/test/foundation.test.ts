import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

describe('the platform boots on real PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has every migration applied', async () => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    const { rows } = await client.query('select name from mikro_orm_migrations order by id');
    await client.end();
    expect(rows.map((r) => r.name)).toContain('Migration20261123000000_foundation');
  });

  it('is live and ready, with the database checked', async () => {
    expect((await t.request('GET', '/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up' } });
  });

  it('lets the bootstrapped admin log in and see who they are', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const me = await t.request('GET', '/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: 'admin', roles: ['admin'], tokenKind: 'session' });
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    const wrong = await t.request('POST', '/auth/login', { body: { login: 'admin', password: 'nope-nope-nope' } });
    const unknown = await t.request('POST', '/auth/login', { body: { login: 'ghost', password: 'nope-nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('slows password guessing: after too many failures a login gets 429 with a retry time', async () => {
    const guarded = await startTestApp({ ESCALA_LOGIN_MAX_FAILURES: '3' });
    try {
      for (let i = 0; i < 3; i++) {
        expect(
          (await guarded.request('POST', '/auth/login', { body: { login: 'Admin', password: `guess-${i}` } })).status,
        ).toBe(401);
      }
      const blocked = await guarded.request('POST', '/auth/login', {
        body: { login: 'admin', password: ADMIN_PASSWORD },
      });
      expect(blocked.status).toBe(429);
      expect(blocked.body.retryAfter).toBeGreaterThan(0);
      expect(blocked.headers.get('retry-after')).toBe(String(blocked.body.retryAfter));
    } finally {
      await guarded.close();
    }
  });

  it('answers malformed login bodies with 400 naming the fields', async () => {
    const missing = await t.request('POST', '/auth/login', { body: { login: 'admin' } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    const notJson = await t.request('POST', '/auth/login', { rawBody: '{"login":' });
    expect(notJson.status).toBe(400);
    const extra = await t.request('POST', '/auth/login', { body: { login: 'admin', password: 'x', role: 'admin' } });
    expect(extra.status).toBe(400);
  });

  it('revokes a session on logout', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    expect((await t.request('POST', '/auth/logout', { token })).status).toBe(204);
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(401);
  });

  it('issues API tokens that work as bearer tokens and can be revoked', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const created = await t.request('POST', '/users', {
      token: admin,
      body: { login: 'sheets-bot', displayName: 'Integração Planilha', roles: ['agent'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.initialPassword).toEqual(expect.any(String));
    const issued = await t.request('POST', `/users/${created.body.id}/api-tokens`, {
      token: admin,
      body: { name: 'planilha', expiresInDays: 30 },
    });
    expect(issued.status).toBe(201);
    const me = await t.request('GET', '/auth/me', { token: issued.body.token });
    expect(me.body).toMatchObject({ login: 'sheets-bot', tokenKind: 'api' });
    expect((await t.request('DELETE', `/api-tokens/${issued.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', '/auth/me', { token: issued.body.token })).status).toBe(401);

    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    const { rows } = await client.query('select actor_label, action from audit_records order by id');
    await client.end();
    expect(rows).toEqual(
      expect.arrayContaining([
        { actor_label: 'admin', action: 'user.created' },
        { actor_label: 'admin', action: 'api_token.created' },
        { actor_label: 'admin', action: 'token.revoked' },
      ]),
    );
  });

  it('shuts a deactivated person out at once, even with a remembered token', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const created = await t.request('POST', '/users', {
      token: admin,
      body: { login: 'leaving', displayName: 'Saindo', roles: ['agent'], password: 'leaving-password-1' },
    });
    const token = await t.login('leaving', 'leaving-password-1');
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(200);
    await t.request('PATCH', `/users/${created.body.id}`, { token: admin, body: { active: false } });
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(401);
  });

  it('keeps agents out of admin routes', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    await t.request('POST', '/users', {
      token: admin,
      body: { login: 'rafael', displayName: 'Rafael', roles: ['agent'], password: 'rafael-password-1' },
    });
    const agent = await t.login('rafael', 'rafael-password-1');
    const denied = await t.request('POST', '/users', {
      token: agent,
      body: { login: 'x1', displayName: 'X', roles: ['admin'] },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toContain('admin');
  });

  it('serves the OpenAPI document and Prometheus metrics to an admin', async () => {
    const doc = await t.request('GET', '/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain('/auth/login');
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const metrics = await t.request('GET', '/metrics', { token: admin });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('escala_http_requests_total');
  });

  it('never writes a password or bearer token to the logs', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    await t.request('GET', '/auth/me', { token });
    const all = t.logs.join('');
    const requestLine = t.logs.map((line) => JSON.parse(line)).find((entry) => entry.req?.url === '/auth/me');
    expect(requestLine?.req.headers.authorization).toBe('[redacted]');
    expect(all).not.toContain(token);
    expect(all).not.toContain(ADMIN_PASSWORD);
  });
});
