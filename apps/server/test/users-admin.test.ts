import { describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';

const app = useTeamApp('n1-n5');
const admin = () => app.team.admin;

const createUser = (body: Record<string, unknown>, token = admin()) => app.t.request('POST', '/users', { token, body });

describe('admins create people', () => {
  it('generates a password shown once when none is given, and the person logs in with it', async () => {
    const created = await createUser({ login: 'bia.n1', displayName: 'Bia Souza', roles: ['agent'] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ login: 'bia.n1', active: true, roles: ['agent'] });
    expect(created.body.initialPassword).toMatch(/^[\w-]{20}$/);
    expect((await app.t.login('bia.n1', created.body.initialPassword)).length).toBeGreaterThan(16);
    const listed = await app.t.request('GET', '/users', { token: admin() });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.initialPassword);
  });

  it('never echoes a password the admin chose', async () => {
    const created = await createUser({
      login: 'caio.n2',
      displayName: 'Caio',
      roles: ['agent'],
      password: 'caio-password-123',
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('initialPassword');
  });

  it.each([
    ['a login with spaces', { login: 'ana maria', displayName: 'Ana', roles: ['agent'] }, 'login'],
    ['a login that is SQL', { login: "x'; drop table users;--", displayName: 'X', roles: ['agent'] }, 'login'],
    ['an unknown role', { login: 'dora', displayName: 'Dora', roles: ['root'] }, 'roles.0'],
    ['no role', { login: 'dora', displayName: 'Dora', roles: [] }, 'roles'],
    ['a short password', { login: 'dora', displayName: 'Dora', roles: ['agent'], password: 'curta' }, 'password'],
    ['a field it does not know', { login: 'dora', displayName: 'Dora', roles: ['agent'], active: false }, '(body)'],
    ['a name too long', { login: 'dora', displayName: 'D'.repeat(201), roles: ['agent'] }, 'displayName'],
  ])('refuses %s, naming the field', async (_, body, field) => {
    const refused = await createUser(body);
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('refuses a login already taken, whatever its case, and anyone but an admin', async () => {
    expect((await createUser({ login: 'eva', displayName: 'Eva', roles: ['agent'] })).status).toBe(201);
    expect((await createUser({ login: 'eva', displayName: 'Outra Eva', roles: ['agent'] })).status).toBe(409);
    const byLeader = await createUser(
      { login: 'fabio', displayName: 'Fábio', roles: ['admin'] },
      app.team.people.leader!.token,
    );
    expect(byLeader.status).toBe(403);
  });
});

describe('admins deactivate and reactivate people', () => {
  it('refuses while the person holds open tickets, listing them; then deactivates, revoking every token at once', async () => {
    const created = await createUser({
      login: 'gil.n1',
      displayName: 'Gil Santos',
      roles: ['agent'],
      password: 'gil-password-12345',
    });
    const gil = created.body.id as string;
    const token = await app.t.login('gil.n1', 'gil-password-12345');
    const ticket = await app.t.request('POST', '/tickets', {
      token: admin(),
      body: ticketBody(app.team, { category: 'configuracao-email', subject: 'Outlook não envia', assigneeId: gil }),
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);

    const refused = await app.t.request('PATCH', `/users/${gil}`, { token: admin(), body: { active: false } });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(
      `Gil Santos still holds 1 open ticket(s); reassign them before deactivating: #${ticket.body.number}`,
    );
    expect(refused.body.blocking).toEqual([
      {
        kind: 'assigned-ticket',
        ticketId: ticket.body.id,
        number: ticket.body.number,
        subject: 'Outlook não envia',
        status: 'new',
      },
    ]);
    expect((await app.t.request('GET', '/auth/me', { token })).status).toBe(200);

    const reassigned = await app.t.request('PATCH', `/tickets/${ticket.body.id}`, {
      token: admin(),
      body: { assigneeId: app.team.people.N1!.id },
    });
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200);
    const deactivated = await app.t.request('PATCH', `/users/${gil}`, { token: admin(), body: { active: false } });
    expect(deactivated.status, JSON.stringify(deactivated.body)).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await app.t.request('GET', '/auth/me', { token })).status).toBe(401);
    const login = await app.t.request('POST', '/auth/login', {
      body: { login: 'gil.n1', password: 'gil-password-12345' },
    });
    expect(login.status).toBe(401);

    const reactivated = await app.t.request('PATCH', `/users/${gil}`, { token: admin(), body: { active: true } });
    expect(reactivated.body.active).toBe(true);
    // The old session stays dead: reactivating does not revive it; a new log-in works.
    expect((await app.t.request('GET', '/auth/me', { token })).status).toBe(401);
    expect((await app.t.login('gil.n1', 'gil-password-12345')).length).toBeGreaterThan(16);

    const audit = await sql<{ action: string; after: Record<string, unknown> }>(
      app.t,
      `select action, after from audit_records where subject_type = 'user' and subject_id = $1 order by id`,
      [gil],
    );
    expect(audit.map((row) => row.action)).toEqual(['user.created', 'user.updated', 'user.updated']);
    expect(audit[1]!.after).toMatchObject({ active: false, revokedTokens: 1 });
  });

  it('refuses an unknown person, a malformed id and a body with nothing or something foreign', async () => {
    const someone = app.team.people.N2!.id;
    expect(
      (
        await app.t.request('PATCH', '/users/00000000-0000-4000-8000-000000000000', {
          token: admin(),
          body: { active: false },
        })
      ).status,
    ).toBe(404);
    expect(
      (await app.t.request('PATCH', '/users/1%20or%201=1', { token: admin(), body: { active: false } })).status,
    ).toBe(400);
    expect((await app.t.request('PATCH', `/users/${someone}`, { token: admin(), body: {} })).status).toBe(400);
    expect((await app.t.request('PATCH', `/users/${someone}`, { token: admin(), body: { active: 'no' } })).status).toBe(
      400,
    );
    expect(
      (await app.t.request('PATCH', `/users/${someone}`, { token: admin(), body: { login: 'root' } })).status,
    ).toBe(400);
  });
});
