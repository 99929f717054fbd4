import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CONNECTOR_CONTRACT_VERSION,
  ConnectorError,
  defineConnector,
  isConnectorError,
  type InboundChange,
} from '@escala/connector-kit';
import { eventually, FAST_DELIVERY } from './support/outbox.js';
import { sql } from './support/sql.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const LEADER_ENTRA_ID = '6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F';
const WEBHOOK_TOKEN = 'pager-webhook-token';

/** What the outside pager received, and a switch to make it fail. */
const pager = { pages: [] as Array<{ ticketId: string; thread: string[]; mention: string | null }>, failNext: 0 };

/**
 * A connector using every part of the v2 port the host provides: reads and state in `deliver`, a
 * receipt id, webhooks with query and shaped answers, and an acknowledgement on a member's behalf.
 */
const testPager = defineConnector({
  key: 'test-pager',
  displayName: 'Test pager',
  contractVersion: CONNECTOR_CONTRACT_VERSION,
  configSchema: z.object({ leaderEntraId: z.string() }),
  consumes: ['ticket.urgent'],
  async deliver({ port, config }, { event, attempt }) {
    const thread = (await port.listExternalReferences(event.aggregateId)).map((reference) => reference.id);
    const leader = await port.findUserByExternalIdentity({ system: 'entra', id: config.leaderEntraId });
    await port.state.put(`attempt-${event.id}-${attempt}`, { thread });
    if (pager.failNext-- > 0) throw ConnectorError.temporary('the pager is down');
    pager.pages.push({ ticketId: event.aggregateId, thread, mention: leader?.displayName ?? null });
    return { externalId: `page-${pager.pages.length}` };
  },
  webhook: {
    verify: (_context, request) =>
      typeof request.query.validationToken === 'string' ||
      typeof request.query.echo === 'string' ||
      request.headers['x-pager-token'] === WEBHOOK_TOKEN,
    async receive(_context, request) {
      const { validationToken, echo, broken } = request.query;
      if (typeof validationToken === 'string')
        return { changes: [], response: { status: 200, contentType: 'text/plain', body: validationToken } };
      if (echo)
        return {
          changes: [],
          response: {
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify({ method: request.method, query: request.query }),
          },
        };
      if (broken) return { changes: [], response: { status: 500, contentType: 'text/html', body: '<p>' } };
      const likes = z
        .array(z.object({ id: z.string(), announcementId: z.string(), email: z.string() }))
        .parse(JSON.parse(request.rawBody));
      const changes: InboundChange[] = likes.map((like) => ({
        key: like.id,
        apply: async (port) => {
          await port.acknowledgeAnnouncement({
            announcementId: like.announcementId,
            member: { identity: { system: 'email', id: like.email } },
            via: 'teams-reaction',
          });
          await port.state.put('last-like', like.id);
        },
      }));
      return { changes, response: { status: 202, contentType: 'text/plain', body: '' } };
    },
  },
  health: async () => ({ status: 'healthy' }),
  translateError: (error) => (isConnectorError(error) ? error : ConnectorError.temporary(String(error))),
});

describe('the channel port in deliver and webhooks', () => {
  let t: TestApp;
  let team: SupportTeam;
  let channelId: string;

  beforeAll(async () => {
    t = await startTestApp(FAST_DELIVERY, undefined, { connectors: [testPager] });
    team = await setUpTeam(t, 'n1-n5');
    const linked = await t.request('POST', `/users/${team.people.leader!.id}/external-identities`, {
      token: team.admin,
      body: { system: 'entra', id: LEADER_ENTRA_ID },
    });
    expect(linked.status).toBe(200);
    const channel = await t.request('POST', '/channels', {
      token: team.admin,
      body: {
        connector: 'test-pager',
        name: 'Pager dos líderes',
        config: { leaderEntraId: LEADER_ENTRA_ID.toLowerCase() },
        subscription: { eventTypes: ['ticket.urgent'] },
      },
    });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);
    channelId = channel.body.id;
  });
  afterAll(() => t.close());

  const urgent = async (ticketId: string) => {
    const eventId = randomUUID();
    await sql(
      t,
      `insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
       values ($1, 'ticket.urgent', 'ticket', $2, '{"subject":"Busca NF-e parada"}', now())`,
      [eventId, ticketId],
    );
    await eventually('the delivery', async () => {
      const [row] = await sql<{ status: string }>(t, 'select status from channel_deliveries where event_id = $1', [
        eventId,
      ]);
      return row?.status === 'delivered';
    });
    return eventId;
  };
  const state = (key: string) =>
    sql<{ value: unknown }>(t, 'select value from channel_state where channel_id = $1 and key = $2', [channelId, key]);

  it('mentions the leader found by Entra id, links the receipt to the ticket, and threads the next page on it', async () => {
    const ticket = await t.request('POST', '/tickets', { token: team.people.N1!.token, body: ticketBody(team) });
    pager.failNext = 1;
    const first = await urgent(ticket.body.id);
    expect(pager.pages).toEqual([{ ticketId: ticket.body.id, thread: [], mention: 'Leader n1-n5' }]);
    // The first attempt failed: what it wrote to the state went with it; the second's is kept.
    expect(await state(`attempt-${first}-1`)).toEqual([]);
    expect(await state(`attempt-${first}-2`)).toEqual([{ value: { thread: [] } }]);
    expect(
      await sql(t, 'select system, external_id, ticket_id from ticket_external_references where channel_id = $1', [
        channelId,
      ]),
    ).toEqual([{ system: 'test-pager', external_id: 'page-1', ticket_id: ticket.body.id }]);
    expect(
      await sql(
        t,
        `select actor_label, after->>'externalId' as external_id from audit_records
          where subject_id = $1 and action = 'ticket.external_reference_linked'`,
        [ticket.body.id],
      ),
    ).toEqual([{ actor_label: `system:connector:${channelId}`, external_id: 'page-1' }]);

    await urgent(ticket.body.id);
    expect(pager.pages.at(-1)).toEqual({ ticketId: ticket.body.id, thread: ['page-1'], mention: 'Leader n1-n5' });
  });

  const hook = (query: string, init: RequestInit = {}) =>
    fetch(`${t.baseUrl}/inbound/webhooks/${channelId}${query}`, init);

  it('echoes a validationToken as the connector shapes it: 200 text/plain with the token, on POST and GET', async () => {
    for (const method of ['POST', 'GET']) {
      const response = await hook('?validationToken=Validation%3A%20Token%20123', { method });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('Validation: Token 123');
    }
  });

  it('hands the connector the method and the parsed query, repeated names as lists', async () => {
    const response = await hook('?echo=1&tag=a&tag=b', { method: 'GET' });
    expect(await response.json()).toEqual({ method: 'GET', query: { echo: '1', tag: ['a', 'b'] } });
  });

  it('refuses to send an answer the connector shaped wrongly, applying nothing', async () => {
    const response = await hook('?broken=1', { method: 'POST', headers: { 'x-pager-token': WEBHOOK_TOKEN } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // A fault of ours: the sender learns nothing of it, the log says what the connector did wrong.
    expect(((await response.json()) as { detail: string }).detail).not.toMatch(/2xx/);
    expect(t.logs.join('')).toMatch(/shaped an answer that cannot be sent: .*not a 2xx/);
  });

  it("acknowledges an announcement on a member's behalf by a linked identity, once, with the change's state", async () => {
    const member = team.people.N1!;
    await t.request('POST', `/users/${member.id}/external-identities`, {
      token: team.admin,
      body: { system: 'email', id: 'Agente.N1@Exemplo.com.br' },
    });
    const group = await t.request('POST', '/announcement-groups', { token: team.admin, body: { name: 'Avisos N1' } });
    await t.request('PUT', `/announcement-groups/${group.body.id}/members/${member.id}`, { token: team.admin });
    const published = await t.request('POST', '/announcements', {
      token: team.people.leader!.token,
      body: { groupId: group.body.id, title: 'Aviso', body: 'Leiam, por favor.' },
    });
    expect(published.status).toBe(201);
    const like = (id: string) =>
      hook('', {
        method: 'POST',
        headers: { 'x-pager-token': WEBHOOK_TOKEN, 'content-type': 'application/json' },
        body: JSON.stringify([{ id, announcementId: published.body.id, email: 'agente.n1@exemplo.com.br' }]),
      });
    const first = await like('like-1');
    expect(first.status).toBe(202);
    await like('like-2');
    const status = await t.request('GET', `/announcements/${published.body.id}`, { token: team.admin });
    expect(status.body.acknowledged).toEqual([expect.objectContaining({ userId: member.id, via: 'teams-reaction' })]);
    expect(
      await sql(
        t,
        "select count(*)::int as n from audit_records where action = 'announcement.acknowledged' and subject_id = $1",
        [published.body.id],
      ),
    ).toEqual([{ n: 1 }]);
    expect(await state('last-like')).toEqual([{ value: 'like-2' }]);
  });
});
