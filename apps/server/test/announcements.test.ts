import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityManager, RequestContext } from '@mikro-orm/postgresql';
import { AnnouncementAcknowledgementsService, type AcknowledgementRequest } from '@escala/core';
import { sql } from './support/sql.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { expectCatalogued } from './support/event-catalogue.js';

const TEXT = 'A partir de amanhã, homologações de NFS-e de Curitiba só pelo N1 estágio 2';
const PASSWORD = 'announce-password-1';
const TEAM = ['bruno', 'carla', 'davi', 'elisa', 'fabio'];

describe('announcements (docs/playbook.md §5)', () => {
  let t: TestApp;
  let admin: string;
  let ana: string;
  const ids = new Map<string, string>();
  const tokens = new Map<string, string>();
  let groupId: string;
  let announcementId: string;

  async function person(login: string, roles: string[]) {
    const created = await t.request('POST', '/users', {
      token: admin,
      body: {
        login,
        displayName: login[0]!.toUpperCase() + login.slice(1),
        email: `${login}@escala.example`,
        roles,
        password: PASSWORD,
      },
    });
    ids.set(login, created.body.id);
    tokens.set(login, await t.login(login, PASSWORD));
  }

  /** What the Teams connector calls when a like comes back. */
  function likeFromTeams(request: Omit<AcknowledgementRequest, 'via'>) {
    return RequestContext.create(t.app.get(EntityManager), () =>
      t.app
        .get(AnnouncementAcknowledgementsService)
        .acknowledge({ system: 'connector:microsoft-teams' }, { ...request, via: 'teams-reaction' }),
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin', ADMIN_PASSWORD);
    await person('ana', ['leader']);
    ana = tokens.get('ana')!;
    for (const login of [...TEAM, 'zeca']) await person(login, ['agent']);
  });
  afterAll(() => t.close());

  it('starts with the "Avisos Importantes Secundários" group, and lets a leader fill it (adding twice changes nothing)', async () => {
    const groups = await t.request('GET', '/announcement-groups', { token: ana });
    expect(groups.status).toBe(200);
    const seeded = groups.body.items.find((group: { name: string }) => group.name === 'Avisos Importantes Secundários');
    expect(seeded).toMatchObject({ memberCount: 0 });
    groupId = seeded.id;

    for (const login of TEAM)
      expect(
        (await t.request('PUT', `/announcement-groups/${groupId}/members/${ids.get(login)}`, { token: ana })).status,
      ).toBe(200);
    const again = await t.request('PUT', `/announcement-groups/${groupId}/members/${ids.get('bruno')}`, { token: ana });
    expect(again.body.members.map((member: { login: string }) => member.login)).toEqual(TEAM);

    const added = await sql(
      t,
      "select count(*)::int as n from audit_records where action = 'announcement_group.member_added' and subject_id = $1",
      [groupId],
    );
    expect(added).toEqual([{ n: TEAM.length }]);
  });

  it('publishes: announcement, audience, audit record and announcement.published commit in one transaction', async () => {
    const published = await t.request('POST', '/announcements', {
      token: ana,
      body: { groupId, title: 'NFS-e Curitiba', body: TEXT, acknowledgeBy: '2099-01-01T18:00:00-03:00' },
    });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      group: { id: groupId, name: 'Avisos Importantes Secundários' },
      body: TEXT,
      locale: 'pt-BR',
      audienceCount: 5,
      acknowledgedCount: 0,
    });
    announcementId = published.body.id;

    const [event] = await sql<{ type: string; payload: any; xmin: string }>(
      t,
      "select type, payload, xmin::text from outbox_events where aggregate_type = 'announcement' and aggregate_id = $1",
      [announcementId],
    );
    expect(event!.type).toBe('announcement.published');
    expect(event!.payload).toMatchObject({
      announcementId,
      groupId,
      group: 'Avisos Importantes Secundários',
      title: 'NFS-e Curitiba',
      body: TEXT,
      locale: 'pt-BR',
      acknowledgeBy: '2099-01-01T21:00:00.000Z',
      publishedBy: { userId: ids.get('ana'), displayName: 'Ana' },
    });
    expect(event!.payload.audience.map((member: { email: string }) => member.email)).toEqual(
      TEAM.map((login) => `${login}@escala.example`),
    );

    // The same transaction id wrote every row: none can exist without the others.
    const writers = await sql<{ xmin: string }>(
      t,
      `
      select xmin::text from announcements where id = $1
      union select xmin::text from announcement_recipients where announcement_id = $1
      union select xmin::text from audit_records where subject_type = 'announcement' and subject_id = $1::text`,
      [announcementId],
    );
    expect(writers).toEqual([{ xmin: event!.xmin }]);
    const [audit] = await sql(
      t,
      "select action, actor_label from audit_records where subject_type = 'announcement' and subject_id = $1",
      [announcementId],
    );
    expect(audit).toEqual({ action: 'announcement.published', actor_label: 'ana' });
  });

  it('counts each acknowledgement once, in Escala or by a Teams like, and a second one changes nothing', async () => {
    const first = await t.request('POST', `/announcements/${announcementId}/acknowledgements`, {
      token: tokens.get('bruno'),
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ userId: ids.get('bruno'), via: 'escala', recorded: true });
    const second = await t.request('POST', `/announcements/${announcementId}/acknowledgements`, {
      token: tokens.get('bruno'),
    });
    expect(second.body).toEqual({ ...first.body, recorded: false });

    const like = await likeFromTeams({
      announcementId,
      member: { email: 'CARLA@escala.example' },
      at: new Date('2026-11-23T13:05:00Z'),
    });
    expect(like).toMatchObject({ userId: ids.get('carla'), recorded: true });
    const redelivered = await likeFromTeams({
      announcementId,
      member: { userId: ids.get('carla')! },
      at: new Date('2026-11-23T13:09:00Z'),
    });
    expect(redelivered).toMatchObject({
      recorded: false,
      acknowledgedAt: new Date('2026-11-23T13:05:00Z'),
      via: 'teams-reaction',
    });

    const audit = await sql(
      t,
      "select actor_label, after->>'userId' as user_id from audit_records where action = 'announcement.acknowledged' and subject_id = $1 order by id",
      [announcementId],
    );
    expect(audit).toEqual([
      { actor_label: 'bruno', user_id: ids.get('bruno') },
      { actor_label: 'system:connector:microsoft-teams', user_id: ids.get('carla') },
    ]);
  });

  it('refuses acknowledgements from outside the audience', async () => {
    expect(
      (await t.request('POST', `/announcements/${announcementId}/acknowledgements`, { token: tokens.get('zeca') }))
        .status,
    ).toBe(403);
    await expect(likeFromTeams({ announcementId, member: { email: 'stranger@example.com' } })).rejects.toThrow(
      /stranger@example.com/,
    );
  });

  it('shows the leader exactly the three who have not acknowledged, and each member what they owe', async () => {
    const status = await t.request('GET', `/announcements/${announcementId}`, { token: ana });
    expect(status.status).toBe(200);
    expect(status.body.pending.map((member: { login: string }) => member.login)).toEqual(['davi', 'elisa', 'fabio']);
    expect(status.body.acknowledged).toEqual([
      expect.objectContaining({ login: 'bruno', via: 'escala', acknowledgedAt: expect.any(String) }),
      expect.objectContaining({ login: 'carla', via: 'teams-reaction', acknowledgedAt: '2026-11-23T13:05:00.000Z' }),
    ]);

    const owed = await t.request('GET', '/announcements/unacknowledged', { token: tokens.get('davi') });
    expect(owed.body).toMatchObject({ total: 1, items: [{ id: announcementId, title: 'NFS-e Curitiba' }] });
    expect((await t.request('GET', '/announcements/unacknowledged', { token: tokens.get('bruno') })).body).toEqual({
      items: [],
      total: 0,
    });

    const list = await t.request('GET', `/announcements?groupId=${groupId}&limit=10`, { token: ana });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: announcementId, audienceCount: 5, acknowledgedCount: 2 }),
    ]);
  });

  it('sends a reminder naming the three, audited, into the outbox; none once everyone has acknowledged', async () => {
    const reminder = await t.request('POST', `/announcements/${announcementId}/reminders`, { token: ana });
    expect(reminder.status).toBe(201);
    expect(reminder.body.pending.map((member: { login: string }) => member.login)).toEqual(['davi', 'elisa', 'fabio']);

    const [event] = await sql<{ payload: any }>(
      t,
      "select payload from outbox_events where type = 'announcement.reminder_requested' and aggregate_id = $1",
      [announcementId],
    );
    expect(event!.payload).toMatchObject({
      announcementId,
      groupId,
      title: 'NFS-e Curitiba',
      pending: [ids.get('davi'), ids.get('elisa'), ids.get('fabio')].map((userId) =>
        expect.objectContaining({ userId }),
      ),
    });
    const audit = await sql(
      t,
      "select after from audit_records where action = 'announcement.reminder_requested' and subject_id = $1",
      [announcementId],
    );
    expect(audit).toEqual([{ after: { pending: [ids.get('davi'), ids.get('elisa'), ids.get('fabio')] } }]);

    for (const login of ['davi', 'elisa', 'fabio'])
      await t.request('POST', `/announcements/${announcementId}/acknowledgements`, { token: tokens.get(login) });
    const nobodyLeft = await t.request('POST', `/announcements/${announcementId}/reminders`, { token: ana });
    expect(nobodyLeft.status).toBe(409);
    expect(nobodyLeft.body.detail).toMatch(/Every member has acknowledged/);
  });

  it('lets only leaders publish and remind, and only leaders and admins see who has not acknowledged', async () => {
    const agent = tokens.get('bruno')!;
    expect(
      (await t.request('POST', '/announcements', { token: agent, body: { groupId, title: 'x', body: 'y' } })).status,
    ).toBe(403);
    expect((await t.request('POST', `/announcements/${announcementId}/reminders`, { token: agent })).status).toBe(403);
    expect((await t.request('GET', `/announcements/${announcementId}`, { token: agent })).status).toBe(403);
    expect(
      (await t.request('PUT', `/announcement-groups/${groupId}/members/${ids.get('zeca')}`, { token: agent })).status,
    ).toBe(403);
    expect((await t.request('GET', `/announcements/${announcementId}`, { token: admin })).status).toBe(200);
    const published = await sql(t, 'select count(*)::int as n from announcements');
    expect(published).toEqual([{ n: 1 }]);
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const noTitle = await t.request('POST', '/announcements', { token: ana, body: { groupId, body: TEXT } });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors.map((error: { field: string }) => error.field)).toEqual(['title']);
    const badGroup = await t.request('POST', '/announcements', {
      token: ana,
      body: { groupId: 'avisos', title: 'x', body: 'y', locale: 'fr' },
    });
    expect(badGroup.body.errors.map((error: { field: string }) => error.field)).toEqual(['groupId', 'locale']);
    const past = await t.request('POST', '/announcements', {
      token: ana,
      body: { groupId, title: 'x', body: 'y', acknowledgeBy: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([
      { field: 'acknowledgeBy', message: 'The acknowledgement deadline must be after publication' },
    ]);
    expect((await t.request('GET', '/announcements?limit=0', { token: ana })).body.errors).toEqual([
      expect.objectContaining({ field: 'limit' }),
    ]);
    expect((await t.request('POST', '/announcement-groups', { token: ana, body: { name: ' ' } })).body.errors).toEqual([
      expect.objectContaining({ field: 'name' }),
    ]);
    expect(await sql(t, 'select count(*)::int as n from announcements')).toEqual([{ n: 1 }]);
  });

  it('publishes to the members of the moment: a new empty group refuses, a removed member is not in the next audience', async () => {
    const created = await t.request('POST', '/announcement-groups', {
      token: admin,
      body: { name: 'Plantão N2', description: 'Escala de fim de semana' },
    });
    expect(created.status).toBe(201);
    expect(
      (await t.request('POST', '/announcement-groups', { token: admin, body: { name: 'plantão n2' } })).status,
    ).toBe(409);
    const empty = await t.request('POST', '/announcements', {
      token: ana,
      body: { groupId: created.body.id, title: 'Plantão', body: 'Sábado' },
    });
    expect(empty.status).toBe(409);

    expect(
      (await t.request('DELETE', `/announcement-groups/${groupId}/members/${ids.get('fabio')}`, { token: ana })).status,
    ).toBe(204);
    const next = await t.request('POST', '/announcements', {
      token: ana,
      body: { groupId, title: 'Outro aviso', body: 'Texto', locale: 'en' },
    });
    expect(next.body.audienceCount).toBe(4);
    expect((await t.request('GET', `/announcements?groupId=${created.body.id}`, { token: ana })).body).toEqual({
      items: [],
      total: 0,
    });

    // The same like delivered twice at once: exactly one counts.
    const member = { userId: ids.get('davi')! };
    const outcomes = await Promise.all([
      likeFromTeams({ announcementId: next.body.id, member }),
      likeFromTeams({ announcementId: next.body.id, member }),
    ]);
    expect(outcomes.map((outcome) => outcome.recorded).sort()).toEqual([false, true]);
    expect(outcomes[0]!.acknowledgedAt).toEqual(outcomes[1]!.acknowledgedAt);
    expect(
      await sql(
        t,
        "select count(*)::int as n from audit_records where action = 'announcement.acknowledged' and subject_id = $1",
        [next.body.id],
      ),
    ).toEqual([{ n: 1 }]);
    expect((await t.request('GET', `/announcements/${announcementId}`, { token: ana })).body.acknowledged).toHaveLength(
      5,
    );
  });

  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(t, ['announcement.published', 'announcement.reminder_requested']);
  });
});
