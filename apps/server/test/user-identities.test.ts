import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_PORTS, type CorePorts } from '@escala/core';
import { sql } from './support/sql.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const GUID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('external identities: admins link people to their accounts elsewhere, connectors find them', () => {
  let t: TestApp;
  let admin: string;
  let ana: string;
  let bruno: string;
  const identities = (userId: string) => `/users/${userId}/external-identities`;
  const link = (userId: string, body: unknown) => t.request('POST', identities(userId), { token: admin, body });

  beforeAll(async () => {
    t = await startTestApp({ ESCALA_ROLES: 'api' });
    admin = await t.login('admin', ADMIN_PASSWORD);
    const person = async (login: string) =>
      (
        await t.request('POST', '/users', {
          token: admin,
          body: {
            login,
            displayName: login === 'ana' ? 'Ana Líder' : 'Bruno',
            roles: ['leader'],
            email: `${login}@exemplo.com.br`,
          },
        })
      ).body.id as string;
    ana = await person('ana');
    bruno = await person('bruno');
  });
  afterAll(() => t.close());

  it('links an Entra object id, a Google account and an e-mail address, normalised, and lists them oldest first', async () => {
    const entra = await link(ana, { system: 'entra', id: ` ${GUID.toUpperCase()} ` });
    expect(entra.status).toBe(200);
    expect(entra.body).toMatchObject({ system: 'entra', id: GUID, created: true });
    await link(ana, { system: 'google', id: 'Ana.Lider@Exemplo.com.br' });
    await link(ana, { system: 'email', id: 'ANA@exemplo.com.br' });
    const listed = await t.request('GET', identities(ana), { token: admin });
    expect(listed.body.items.map(({ system, id }: { system: string; id: string }) => `${system}:${id}`)).toEqual([
      `entra:${GUID}`,
      'google:ana.lider@exemplo.com.br',
      'email:ana@exemplo.com.br',
    ]);
  });

  it('is idempotent for the same person, and refuses an identity that is already someone else’s', async () => {
    const again = await link(ana, { system: 'entra', id: GUID });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const taken = await link(bruno, { system: 'entra', id: GUID.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toMatch(/already linked to another user/);
  });

  it.each([
    ['an Entra id that is not a GUID', { system: 'entra', id: 'ana@exemplo.com.br' }, 'id', /GUID/],
    ['an e-mail identity that is no address', { system: 'email', id: 'ana' }, 'id', /e-mail/],
    ['a system with upper case and spaces', { system: 'Entra ID', id: GUID }, 'system', /lower-case/],
    ['an empty id', { system: 'slack', id: '   ' }, 'id', /1–320/],
    ['an unknown field', { system: 'slack', id: 'U1', admin: true }, '(body)', /Unrecognized key/],
    ['a SQL-looking id for a known system', { system: 'entra', id: "' or 1=1 --" }, 'id', /GUID/],
    ['a number as id', { system: 'slack', id: 42 }, 'id', /string/],
  ])('refuses %s with 400 naming the field', async (_name, body, field, message) => {
    const response = await link(ana, body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field, message: expect.stringMatching(message) })]);
  });

  it('answers 404 for an unknown person', async () => {
    const response = await link('00000000-0000-4000-8000-000000000000', { system: 'slack', id: 'U1' });
    expect(response.status).toBe(404);
  });

  it('gives a connector the user behind an identity, whatever its case, and nothing for an unknown one', async () => {
    const port = t.app.get<CorePorts>(CORE_PORTS).forChannel('00000000-0000-4000-8000-000000000001');
    expect(await port.findUserByExternalIdentity({ system: 'entra', id: GUID.toUpperCase() })).toEqual({
      id: ana,
      displayName: 'Ana Líder',
      email: 'ana@exemplo.com.br',
      active: true,
    });
    expect(await port.findUserByExternalIdentity({ system: 'email', id: 'nobody@exemplo.com.br' })).toBeNull();
    expect(await port.findUserByExternalIdentity({ system: 'entra', id: 'not-a-guid' })).toBeNull();
  });

  it('unlinks (the id URL-encoded), and a second unlink is 404', async () => {
    const path = `${identities(ana)}/email/${encodeURIComponent('ana@exemplo.com.br')}`;
    expect((await t.request('DELETE', path, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', path, { token: admin })).status).toBe(404);
  });

  it('audits every link and unlink, naming the admin', async () => {
    const rows = await sql<{ action: string; actor_label: string; system: string }>(
      t,
      `select action, actor_label, coalesce(after, before)->>'system' as system from audit_records
        where subject_id = $1 and action like 'user.external_identity_%' order by id`,
      [ana],
    );
    expect(rows).toEqual([
      { action: 'user.external_identity_linked', actor_label: 'admin', system: 'entra' },
      { action: 'user.external_identity_linked', actor_label: 'admin', system: 'google' },
      { action: 'user.external_identity_linked', actor_label: 'admin', system: 'email' },
      { action: 'user.external_identity_unlinked', actor_label: 'admin', system: 'email' },
    ]);
  });
});
