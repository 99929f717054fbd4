import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PollRunner } from '@escala/core';
import { DEFAULT_PUBLIC_APP, startMicrosoftGraphEmulator, type MicrosoftGraphEmulator } from '@escala/emulators';
import microsoftTeamsConnector from '@escala/plugin-microsoft-teams';
import { eventually } from './support/outbox.js';
import { sql } from './support/sql.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const PASSWORD = 'correct-horse-battery';
const AVISOS = { teamId: 'team-suporte', channelId: '19:avisos-secundarios@thread.tacv2' };
const SERVICE = '0c1d2e3f-0000-4000-8000-00000000c3c3';
const PEOPLE = [
  { login: 'ana', entraId: '0c1d2e3f-0000-4000-8000-00000000a1a1', roles: ['leader'] },
  { login: 'bruno', entraId: '0c1d2e3f-0000-4000-8000-00000000b2b2', roles: ['agent'] },
  { login: 'carla', entraId: '0c1d2e3f-0000-4000-8000-00000000d4d4', roles: ['agent'] },
];

/**
 * The Teams channel end to end on the real server: onboarding by device code from the admin API,
 * the token cache sealed as a channel secret, an announcement posted, reactions read back as
 * acknowledgements the leader sees, and a revoked grant turning the channel unhealthy with an alert.
 */
describe('a Microsoft Teams channel on the server (Graph emulator over TLS)', () => {
  let t: TestApp;
  let graph: MicrosoftGraphEmulator;
  let admin: string;
  let ana: string;
  let channelId: string;
  let announcementId: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    graph = await startMicrosoftGraphEmulator({
      users: [...PEOPLE, { login: 'escala', entraId: SERVICE }].map((person) => ({
        id: person.entraId,
        displayName: person.login,
        userPrincipalName: `${person.login}@contoso.test`,
      })),
      teams: [{ id: AVISOS.teamId, channels: [AVISOS.channelId], members: [SERVICE, ...PEOPLE.map((p) => p.entraId)] }],
    });
    t = await startTestApp({}, undefined, { connectors: [microsoftTeamsConnector] });
    admin = await t.login('admin', ADMIN_PASSWORD);
    for (const person of PEOPLE) {
      const created = await t.request('POST', '/users', {
        token: admin,
        body: {
          login: person.login,
          displayName: person.login,
          email: `${person.login}@escala.example`,
          roles: person.roles,
          password: PASSWORD,
        },
      });
      ids.set(person.login, created.body.id);
      const linked = await t.request('POST', `/users/${created.body.id}/external-identities`, {
        token: admin,
        body: { system: 'entra', id: person.entraId },
      });
      expect(linked.status).toBeLessThan(300);
    }
    ana = await t.login('ana', PASSWORD);
    const channel = await t.request('POST', '/channels', {
      token: admin,
      body: {
        connector: 'microsoft-teams',
        name: 'Teams — Avisos Importantes Secundários',
        config: {
          transport: 'graph',
          tenantId: graph.tenantId,
          clientId: DEFAULT_PUBLIC_APP.clientId,
          target: AVISOS,
          graphBaseUrl: graph.url,
          authorityHost: graph.url,
        },
        subscription: { eventTypes: ['announcement.published'] },
      },
    });
    expect(channel.status).toBe(201);
    channelId = channel.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await graph?.close();
  });

  it('onboards the service account by device code from the admin API, keeping the token cache sealed', async () => {
    const started = await t.request('POST', `/channels/${channelId}/actions/sign-in`, { token: admin });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'waiting-for-person',
      userCode: expect.any(String),
      verificationUri: 'https://microsoft.com/devicelogin',
      message: expect.stringContaining(started.body.userCode),
    });
    const early = await t.request('POST', `/channels/${channelId}/actions/sign-in-status`, { token: admin });
    expect(early.body).toEqual({ status: 'waiting-for-person' });
    graph.approveDeviceCode(started.body.userCode, SERVICE);
    const done = await t.request('POST', `/channels/${channelId}/actions/sign-in-status`, { token: admin });
    expect(done.body).toEqual({ status: 'signed-in', account: 'escala@contoso.test' });

    const stored = await sql<{ key: string; value: unknown }>(
      t,
      'select key, value from channel_state where channel_id = $1',
      [channelId],
    );
    expect(stored.map((row) => row.key)).toEqual(['sealed/delegated-token-cache']);
    expect(JSON.stringify(stored)).not.toMatch(/0\.AAAA|refresh_token|escala@contoso/);
    const audit = await sql(
      t,
      "select after from audit_records where action = 'channel.action_run' and subject_id = $1 order by id",
      [channelId],
    );
    expect(audit).toEqual([
      { after: { action: 'sign-in', status: 'waiting-for-person' } },
      { after: { action: 'sign-in-status', status: 'waiting-for-person' } },
      { after: { action: 'sign-in-status', status: 'signed-in' } },
    ]);
    expect((await t.request('POST', `/channels/${channelId}/test`, { token: admin })).body).toMatchObject({
      status: 'healthy',
    });
  });

  it('refuses an action the connector does not have, and lets only admins run one', async () => {
    const unknown = await t.request('POST', `/channels/${channelId}/actions/format-disk`, { token: admin });
    expect(unknown.status).toBe(404);
    expect((await t.request('POST', `/channels/${channelId}/actions/sign-in`, { token: ana })).status).toBe(403);
  });

  it("posts an announcement, and the leader's not-acknowledged list follows the reactions in Teams", async () => {
    const groups = await t.request('GET', '/announcement-groups', { token: ana });
    const groupId = groups.body.items.find(
      (group: { name: string }) => group.name === 'Avisos Importantes Secundários',
    ).id;
    for (const login of ['bruno', 'carla'])
      await t.request('PUT', `/announcement-groups/${groupId}/members/${ids.get(login)}`, { token: ana });
    const published = await t.request('POST', '/announcements', {
      token: ana,
      body: { groupId, title: 'NFS-e Curitiba', body: 'A partir de amanhã, só pelo N1 estágio 2.' },
    });
    announcementId = published.body.id;
    const [post] = await eventually(
      'the announcement posted in Teams',
      async () => graph.messages(AVISOS).length > 0 && graph.messages(AVISOS),
    );

    graph.addReaction(AVISOS, post!.id, PEOPLE[1]!.entraId, '👍');
    // The next poll would come within two minutes; make it due now instead of waiting.
    await sql(t, 'update channel_poll_states set next_poll_at = now() where channel_id = $1', [channelId]);
    await t.app.get(PollRunner).tick();
    // The server's own scheduler may have claimed that poll first: wait for whichever ran it.
    const status = await eventually('the like recorded', async () => {
      const seen = await t.request('GET', `/announcements/${announcementId}`, { token: ana });
      return seen.body.acknowledged.length > 0 && seen;
    });
    expect(status.body.pending.map((member: { login: string }) => member.login)).toEqual(['carla']);
    expect(status.body.acknowledged).toEqual([expect.objectContaining({ login: 'bruno', via: 'teams-reaction' })]);
  });

  it('a revoked grant makes "test connection" unhealthy with a clear message and raises one alert event', async () => {
    graph.breakGrants(SERVICE, 'invalid_grant');
    graph.expireAccessTokens();
    for (let i = 0; i < 2; i++) {
      const report = await t.request('POST', `/channels/${channelId}/test`, { token: admin });
      expect(report.body.status).toBe('unhealthy');
      expect(report.body.detail).toMatch(/escala@contoso\.test expired or was revoked .*sign in again by device code/);
    }
    const alerts = await sql<{ payload: Record<string, unknown> }>(
      t,
      "select payload from outbox_events where type = 'connector.channel_unhealthy'",
    );
    expect(alerts).toEqual([
      {
        payload: expect.objectContaining({
          channelId,
          channel: 'Teams — Avisos Importantes Secundários',
          connector: 'microsoft-teams',
          detail: expect.stringMatching(/expired or was revoked/),
        }),
      },
    ]);
    const view = await t.request('GET', `/channels/${channelId}`, { token: admin });
    expect(view.body.health).toMatchObject({ status: 'unhealthy' });
  });
});
