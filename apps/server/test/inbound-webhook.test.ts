import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemShapeViolation } from './support/problem-shape.js';
import { sql } from './support/sql.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const SIGNING_SECRET = 'inbound-signing-secret-0001';

/** The documented `X-Escala-Signature`, computed here as a sender would, not with the plugin's code. */
function signatureHeader(secret: string, body: string, at = new Date()): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

describe('inbound webhooks: one verified address per channel, each delivery applied once', () => {
  let t: TestApp;
  let team: SupportTeam;
  let channelId: string;

  beforeAll(async () => {
    t = await startTestApp({ ESCALA_ROLES: 'api' });
    team = await setUpTeam(t, 'n1-n5');
    channelId = await channel('Portal do cliente', { signingSecret: SIGNING_SECRET });
  });
  afterAll(() => t.close());

  async function channel(name: string, config: Record<string, unknown>, enabled = true): Promise<string> {
    const response = await t.request('POST', '/channels', {
      token: team.admin,
      body: {
        connector: 'webhook',
        name,
        enabled,
        config: { url: 'https://portal.example.test/escala', ...config },
        subscription: { eventTypes: ['ticket.urgent'] },
      },
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function send(body: unknown, options: { to?: string; secret?: string | null; rawBody?: string } = {}) {
    const rawBody = options.rawBody ?? JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const secret = options.secret === undefined ? SIGNING_SECRET : options.secret;
    if (secret) headers['x-escala-signature'] = signatureHeader(secret, rawBody);
    const response = await fetch(`${t.baseUrl}/inbound/webhooks/${options.to ?? channelId}`, {
      method: 'POST',
      headers,
      body: rawBody,
    });
    const text = await response.text();
    const answer = { status: response.status, body: text ? JSON.parse(text) : undefined };
    if (answer.status >= 400) {
      const path = `/inbound/webhooks/${options.to ?? channelId}`;
      const contentType = response.headers.get('content-type');
      expect(problemShapeViolation({ path }, { ...answer, contentType })).toBeNull();
    }
    return answer;
  }

  const create = (id: string, reference: string, ticket: Record<string, unknown> = {}) => ({
    id,
    type: 'ticket.create',
    reference,
    ticket: {
      subject: 'NFS-e rejeitada pela prefeitura',
      body: 'Erro E160 ao transmitir.',
      category: 'infraestrutura',
      requester: { email: 'maria@exemplo.com.br' },
      ...ticket,
    },
  });
  const ticketCount = async () => Number((await sql<{ n: string }>(t, 'select count(*) as n from tickets'))[0]!.n);
  const ticketOf = async (reference: string) =>
    (
      await sql<{ ticket_id: string }>(
        t,
        `select ticket_id from ticket_external_references where system = 'webhook' and external_id = $1`,
        [reference],
      )
    )[0]?.ticket_id;

  it('creates a ticket from a signed delivery, routed by category, by the channel as actor', async () => {
    const response = await send(create('d-1', 'P-100'));
    expect(response).toEqual({ status: 200, body: { changes: [{ key: 'd-1', outcome: 'applied' }] } });
    const id = await ticketOf('P-100');
    const ticket = await t.request('GET', `/tickets/${id}`, { token: team.admin });
    expect(ticket.body).toMatchObject({
      unitKey: 'N3',
      category: 'infraestrutura',
      customerId: team.customerId,
      channel: 'portal',
    });
    const audit = await t.request('GET', `/tickets/${id}/audit`, { token: team.admin });
    expect(audit.body.items[0]).toMatchObject({
      action: 'ticket.created',
      actorLabel: `system:connector:${channelId}`,
    });
  });

  it('applies a delivery sent again once, and answers that it was a duplicate', async () => {
    const before = await ticketCount();
    expect(await send(create('d-1', 'P-100'))).toEqual({
      status: 200,
      body: { changes: [{ key: 'd-1', outcome: 'duplicate' }] },
    });
    expect(await ticketCount()).toBe(before);
  });

  it('creates one ticket when copies of a delivery, or two deliveries for one reference, arrive at once', async () => {
    const before = await ticketCount();
    const copies = await Promise.all(Array.from({ length: 4 }, () => send(create('d-10', 'P-10'))));
    expect(copies.map((r) => r.body.changes[0].outcome).sort()).toEqual([
      'applied',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    const racing = await Promise.all(['d-11', 'd-12'].map((id) => send(create(id, 'P-11'))));
    // The one that lost the race on the reference answers 503 and is applied, to the same ticket, when sent again.
    for (const [i, response] of racing.entries()) {
      if (response.status === 503) expect((await send(create(`d-1${i + 1}`, 'P-11'))).status).toBe(200);
      else expect(response.status).toBe(200);
    }
    expect(await ticketCount()).toBe(before + 2);
  });

  it('adds an entry and sets fields on the ticket the reference names', async () => {
    expect(
      (
        await send({
          id: 'd-2',
          type: 'ticket.entry',
          reference: 'P-100',
          entry: { visibility: 'internal', body: 'Prefeitura fora do ar desde 8h.' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await send({ id: 'd-3', type: 'ticket.fields', reference: 'P-100', fields: { fixVersion: '2026.11.2' } }))
        .status,
    ).toBe(200);
    const id = await ticketOf('P-100');
    const entries = await t.request('GET', `/tickets/${id}/entries`, { token: team.admin });
    expect(entries.body.items.map((e: { kind: string; body: string }) => [e.kind, e.body])).toContainEqual([
      'internal',
      'Prefeitura fora do ar desde 8h.',
    ]);
    expect((await t.request('GET', `/tickets/${id}`, { token: team.admin })).body.fixVersion).toBe('2026.11.2');
  });

  it('answers 404 for an unknown, malformed or disabled channel', async () => {
    const disabled = await channel('Portal desligado', { signingSecret: SIGNING_SECRET }, false);
    expect((await send(create('d-4', 'P-4'), { to: randomUUID() })).status).toBe(404);
    expect((await send(create('d-4', 'P-4'), { to: 'not-a-channel' })).status).toBe(404);
    expect((await send(create('d-4', 'P-4'), { to: disabled })).status).toBe(404);
    expect(await ticketOf('P-4')).toBeUndefined();
  });

  it('answers 401 to a delivery with a wrong, missing or stale signature, or to a channel without a secret', async () => {
    const unsigned = await channel('Portal sem segredo', {});
    const before = await ticketCount();
    expect((await send(create('d-5', 'P-5'), { secret: 'another-secret-of-sixteen' })).status).toBe(401);
    expect((await send(create('d-5', 'P-5'), { secret: null })).status).toBe(401);
    const rawBody = JSON.stringify(create('d-5', 'P-5'));
    const stale = signatureHeader(SIGNING_SECRET, rawBody, new Date(Date.now() - 3_600_000));
    const response = await fetch(`${t.baseUrl}/inbound/webhooks/${channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-escala-signature': stale },
      body: rawBody,
    });
    expect(response.status).toBe(401);
    expect((await send(create('d-5', 'P-5'), { to: unsigned, secret: null })).status).toBe(401);
    expect(await ticketCount()).toBe(before);
  });

  it('answers 413 to a body over 1 MiB, signed or not', async () => {
    const response = await send(create('d-6', 'P-6', { body: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    expect(await ticketOf('P-6')).toBeUndefined();
  });

  it.each([
    ['broken JSON', '{"id": "d-7", '],
    ['an unknown type', JSON.stringify({ id: 'd-7', type: 'ticket.delete', reference: 'P-7' })],
    [
      'no delivery id',
      JSON.stringify({ type: 'ticket.create', reference: 'P-7', ticket: { subject: 's', body: 'b' } }),
    ],
  ])('answers 400 to a malformed payload: %s', async (_name, rawBody) => {
    const response = await send(undefined, { rawBody });
    expect(response.status).toBe(400);
    expect(await ticketOf('P-7')).toBeUndefined();
  });

  it('answers 400 naming the delivery and the field for data the core refuses, records it, and answers the same when it comes again', async () => {
    const before = await ticketCount();
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await send(create('d-8', 'P-8', { category: 'astrologia' }));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'd-8', message: expect.stringMatching(/category: .*astrologia/) },
      ]);
    }
    const oversize = await send(create('d-9', 'P-9', { subject: 'x'.repeat(301) }));
    expect(oversize.body.errors).toEqual([{ field: 'd-9', message: expect.stringMatching(/subject: /) }]);
    expect(await ticketCount()).toBe(before);
    const log = await t.request('GET', `/channels/${channelId}/inbound-changes`, { token: team.admin });
    expect(
      log.body.items
        .filter((c: { outcome: string }) => c.outcome === 'rejected')
        .map((c: { key: string }) => c.key)
        .sort(),
    ).toEqual(['d-8', 'd-9']);
  });
});
