import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConnectorError,
  defineConnector,
  isConnectorError,
  type CorePort,
  type HistoryMessage,
  type NewTicket,
} from '@escala/connector-kit';
import { ChannelConfigCodec, ConnectorRegistry, CORE_PORTS, InboundChanges, PollRunner } from '@escala/core';
import { sql } from './support/sql.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const PORTAL = 'portal';

/** What the fake portal has; every poll returns all of it again, as a feed that ignores cursors would. */
type FeedItem =
  | { key: string; kind: 'ticket'; ticket: NewTicket }
  | { key: string; kind: 'reply'; reference: string; body: string; replyId: string }
  | { key: string; kind: 'fields'; reference: string; fields: Record<string, string | null> }
  | { key: string; kind: 'interrupted'; ticket: NewTicket; failures: number }
  | { key: string; kind: 'line'; reference: string; message: HistoryMessage };

async function applyItem(item: FeedItem, port: CorePort): Promise<void> {
  if (item.kind === 'ticket' || item.kind === 'interrupted') {
    const ticket = await port.createTicket(item.ticket);
    // The channel's state goes with the change: kept when it commits, gone when it does not.
    await port.state.put(`ticket-of:${item.key}`, ticket.id);
    // As if the process died after the ticket was written but before the change was recorded as done.
    if (item.kind === 'interrupted' && item.failures-- > 0) throw ConnectorError.temporary('interrupted');
    return;
  }
  const ticket = await port.findTicketByExternalReference({ system: PORTAL, id: item.reference });
  if (!ticket) throw ConnectorError.notFound(`no ticket is linked to ${item.reference}`);
  if (item.kind === 'reply')
    await port.addEntry(ticket.id, {
      direction: 'from_customer',
      body: item.body,
      externalReference: { system: PORTAL, id: item.replyId },
    });
  else if (item.kind === 'line') await port.addEntry(ticket.id, { direction: 'internal', message: item.message });
  else await port.updateTicketFields(ticket.id, item.fields);
}

function portalConnector(feed: FeedItem[]) {
  return defineConnector({
    key: 'test-portal',
    displayName: 'Test portal',
    contractVersion: 2,
    configSchema: z.object({}),
    consumes: [],
    poll: {
      intervalSeconds: 0,
      poll: async () => ({
        cursor: String(feed.length),
        changes: feed.map((item) => ({ key: item.key, apply: (port: CorePort) => applyItem(item, port) })),
      }),
    },
    health: async () => ({ status: 'healthy' }),
    translateError: (error) => (isConnectorError(error) ? error : ConnectorError.temporary(String(error))),
  });
}

describe('inbound changes reach tickets through the core port, once', () => {
  let t: TestApp;
  let team: SupportTeam;
  let runner: PollRunner;
  let channelId: string;
  const feed: FeedItem[] = [];
  const newTicket = (overrides: Partial<NewTicket> = {}): NewTicket => ({
    subject: 'Boleto não gerado pelo portal',
    body: 'O boleto de novembro não aparece no portal.',
    requester: { name: 'Maria', email: 'Maria@Exemplo.com.br' },
    category: 'financeiro',
    externalReference: { system: PORTAL, id: 'P-1' },
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp({ ESCALA_ROLES: 'api' });
    team = await setUpTeam(t, 'n1-n5');
    channelId = randomUUID();
    await sql(
      t,
      `insert into channels (id, connector_key, name, settings, secrets_ciphertext, subscription, enabled, created_at, updated_at)
       values ($1, 'test-portal', 'Portal do cliente', '{}', null, '{"eventTypes":[],"tiers":[],"stages":[],"tags":[],"categories":[]}', true, now(), now())`,
      [channelId],
    );
    runner = new PollRunner(
      t.app.get(EntityManager),
      new ConnectorRegistry([portalConnector(feed)]),
      t.app.get(ChannelConfigCodec),
      t.app.get(InboundChanges),
      t.app.get(CORE_PORTS),
    );
  });
  afterAll(() => t.close());

  const ticketIdOf = async (reference: string) =>
    (
      await sql<{ ticket_id: string }>(
        t,
        'select ticket_id from ticket_external_references where channel_id = $1 and external_id = $2',
        [channelId, reference],
      )
    )[0]?.ticket_id;
  const ticketCount = async () => Number((await sql<{ n: string }>(t, 'select count(*) as n from tickets'))[0]!.n);
  const inbound = async () =>
    (await t.request('GET', `/channels/${channelId}/inbound-changes?limit=100`, { token: team.admin })).body
      .items as Array<{ key: string; outcome: string; error: string | null }>;

  it('creates a ticket from a polled change, routed by category, for the customer whose contact wrote', async () => {
    feed.push({ key: 'msg-1', kind: 'ticket', ticket: newTicket() });
    await runner.tick();
    const id = await ticketIdOf('P-1');
    const ticket = await t.request('GET', `/tickets/${id}`, { token: team.admin });
    expect(ticket.body).toMatchObject({
      subject: 'Boleto não gerado pelo portal',
      category: 'financeiro',
      unitKey: 'N4',
      channel: 'portal',
      customerId: team.customerId,
      contactId: team.contactId,
      status: 'new',
    });
    const audit = await t.request('GET', `/tickets/${id}/audit`, { token: team.admin });
    expect(audit.body.items.map((r: { action: string; actorLabel: string }) => [r.action, r.actorLabel])).toEqual([
      ['ticket.created', `system:connector:${channelId}`],
      ['ticket.external_reference_linked', `system:connector:${channelId}`],
    ]);
    const events = await sql<{ type: string }>(
      t,
      `select type from outbox_events where aggregate_id = $1 order by occurred_at`,
      [id],
    );
    expect(events.map((e) => e.type)).toEqual(['ticket.created']);
  });

  it('creates nothing when the same change comes again, or the same ticket under another change key', async () => {
    const before = await ticketCount();
    await runner.tick();
    feed.push({ key: 'msg-1-resent', kind: 'ticket', ticket: newTicket({ subject: 'Boleto não gerado (reenviado)' }) });
    await runner.tick();
    expect(await ticketCount()).toBe(before);
    expect((await inbound()).map((c) => [c.key, c.outcome])).toEqual(
      expect.arrayContaining([
        ['msg-1', 'applied'],
        ['msg-1-resent', 'applied'],
      ]),
    );
  });

  it('adds an entry to the linked ticket once, and sets the fields an outside tool owns', async () => {
    feed.push(
      { key: 'msg-2', kind: 'reply', reference: 'P-1', body: 'Segue o print do erro.', replyId: 'P-1-r1' },
      {
        key: 'msg-3',
        kind: 'fields',
        reference: 'P-1',
        fields: { devRequestReference: 'SS-4711', externalStatus: 'Em análise' },
      },
    );
    await runner.tick();
    await runner.tick();
    const id = await ticketIdOf('P-1');
    const entries = await t.request('GET', `/tickets/${id}/entries`, { token: team.admin });
    expect(entries.body.items.filter((e: { body: string }) => e.body === 'Segue o print do erro.')).toMatchObject([
      { kind: 'public', authorLabel: `system:connector:${channelId}` },
    ]);
    const ticket = await t.request('GET', `/tickets/${id}`, { token: team.admin });
    expect(ticket.body).toMatchObject({
      devRequestReference: 'SS-4711',
      externalStatus: 'Em análise',
      fixVersion: null,
    });
    const events = await sql<{ type: string }>(
      t,
      `select type from outbox_events where aggregate_id = $1 order by occurred_at`,
      [id],
    );
    expect(events.map((e) => e.type)).toEqual(['ticket.created', 'ticket.customer_wrote', 'ticket.updated']);
  });

  it('leaves nothing behind when applying is interrupted, and applies the change once on the next poll', async () => {
    const before = await ticketCount();
    feed.push({
      key: 'msg-4',
      kind: 'interrupted',
      ticket: newTicket({
        subject: 'Busca NF-e parada',
        category: 'infraestrutura',
        externalReference: { system: PORTAL, id: 'P-2' },
      }),
      failures: 1,
    });
    await runner.tick();
    expect(await ticketCount()).toBe(before);
    expect(await ticketIdOf('P-2')).toBeUndefined();
    const stateOf = () =>
      sql<{ value: string }>(t, `select value from channel_state where channel_id = $1 and key = 'ticket-of:msg-4'`, [
        channelId,
      ]);
    expect(await stateOf()).toEqual([]);
    const [state] = await sql<{ last_error: string | null }>(
      t,
      'select last_error from channel_poll_states where channel_id = $1',
      [channelId],
    );
    expect(state!.last_error).toBe('interrupted');
    await runner.tick();
    await runner.tick();
    expect(await ticketCount()).toBe(before + 1);
    expect((await t.request('GET', `/tickets/${await ticketIdOf('P-2')}`, { token: team.admin })).body.unitKey).toBe(
      'N3',
    );
    expect(await stateOf()).toEqual([{ value: await ticketIdOf('P-2') }]);
  });

  it.each([
    [
      'an unknown category',
      newTicket({ category: 'astrologia', externalReference: { system: PORTAL, id: 'bad-1' } }),
      /category: .*astrologia/,
    ],
    [
      'an oversize subject',
      newTicket({ subject: 'x'.repeat(301), externalReference: { system: PORTAL, id: 'bad-2' } }),
      /subject: /,
    ],
    [
      'no customer',
      newTicket({ requester: { name: 'Anônimo' }, externalReference: { system: PORTAL, id: 'bad-3' } }),
      /customerId: the change names no customer/,
    ],
    [
      'a stranger',
      newTicket({
        requester: { email: 'ninguem@desconhecido.com' },
        externalReference: { system: PORTAL, id: 'bad-4' },
      }),
      /requester.email: no customer has a contact/,
    ],
    [
      'an unknown customer id',
      newTicket({ customerId: randomUUID(), externalReference: { system: PORTAL, id: 'bad-5' } }),
      /customerId: no such customer/,
    ],
  ])('records %s as a rejected change with the reason, creates nothing, and goes on', async (_name, ticket, reason) => {
    const before = await ticketCount();
    const key = `bad-${randomUUID()}`;
    feed.push(
      { key, kind: 'ticket', ticket },
      { key: `${key}-next`, kind: 'reply', reference: 'P-1', body: `depois de ${key}`, replyId: `${key}-r` },
    );
    await runner.tick();
    expect(await ticketCount()).toBe(before);
    const recorded = (await inbound()).find((c) => c.key === key)!;
    expect(recorded.outcome).toBe('rejected');
    expect(recorded.error).toMatch(reason);
    expect((await inbound()).find((c) => c.key === `${key}-next`)?.outcome).toBe('applied');
    const [state] = await sql<{ last_error: string | null }>(
      t,
      'select last_error from channel_poll_states where channel_id = $1',
      [channelId],
    );
    expect(state!.last_error).toBeNull();
  });

  it("writes a connector's own line from the history catalogue, read in each reader's language", async () => {
    feed.push({
      key: 'line-ticket',
      kind: 'ticket',
      ticket: newTicket({ externalReference: { system: PORTAL, id: 'P-L' } }),
    });
    feed.push({
      key: 'line',
      kind: 'line',
      reference: 'P-L',
      message: { key: 'mail.bounced', values: { address: 'maria@exemplo.com.br', status: '5.1.1' } },
    });
    await runner.tick();
    const id = await ticketIdOf('P-L');
    const read = async (language: string) =>
      (
        await t.request('GET', `/tickets/${id}/entries`, {
          token: team.admin,
          headers: { 'accept-language': language },
        })
      ).body.items.map((entry: { kind: string; body: string }) => [entry.kind, entry.body]);
    expect(await read('pt-BR')).toContainEqual([
      'internal',
      'Devolução de e-mail: a entrega para maria@exemplo.com.br falhou (5.1.1). O endereço foi marcado como devolvido.',
    ]);
    expect(await read('en')).toContainEqual([
      'internal',
      'Mail bounced: delivery to maria@exemplo.com.br failed (5.1.1). The address was marked as bounced.',
    ]);
  });

  it('refuses a line that is not in the catalogue or whose values do not fit it', async () => {
    feed.push({
      key: 'bad-line-ticket',
      kind: 'ticket',
      ticket: newTicket({ externalReference: { system: PORTAL, id: 'P-B' } }),
    });
    const hostile = [
      { key: 'ticket.deleted', values: {} },
      { key: 'sheet.row-deleted', values: { number: 'um', tab: 'Erros' } },
      { key: 'ticket.status-changed', values: { from: 'new', to: 'in_analysis', html: '<script>' } },
    ] as unknown as HistoryMessage[];
    hostile.forEach((message, index) =>
      feed.push({ key: `bad-line-${index}`, kind: 'line', reference: 'P-B', message }),
    );
    await runner.tick();
    const outcomes = (await inbound())
      .filter((c) => c.key.startsWith('bad-line-') && c.key !== 'bad-line-ticket')
      .sort((a, b) => a.key.localeCompare(b.key));
    expect(outcomes.map((c) => [c.key, c.outcome])).toEqual([
      ['bad-line-0', 'rejected'],
      ['bad-line-1', 'rejected'],
      ['bad-line-2', 'rejected'],
    ]);
    expect(outcomes.map((c) => c.error)).toEqual([
      'refused by the core: message.key: unknown history message "ticket.deleted"',
      'refused by the core: message.values.number: must be a number',
      'refused by the core: message.values.html: "ticket.status-changed" has no value "html"',
    ]);
    const lines = await sql(
      t,
      `select count(*)::int as n from ticket_entries where ticket_id = $1 and kind = 'internal'`,
      [await ticketIdOf('P-B')],
    );
    expect(lines).toEqual([{ n: 0 }]);
  });

  it('records a change about a ticket it does not know as rejected (not found)', async () => {
    feed.push({ key: 'orphan', kind: 'reply', reference: 'P-404', body: 'Sem chamado', replyId: 'P-404-r' });
    await runner.tick();
    expect((await inbound()).find((c) => c.key === 'orphan')).toMatchObject({
      outcome: 'rejected',
      error: 'no ticket is linked to P-404',
    });
    feed.push({ key: 'blank-reference', kind: 'reply', reference: ' ', body: 'Sem referência', replyId: 'x' });
    await runner.tick();
    expect((await inbound()).find((c) => c.key === 'blank-reference')).toMatchObject({
      outcome: 'rejected',
      error: expect.stringMatching(/^refused by the core: id: /),
    });
  });

  it('writes an opening note with its files on the new ticket, recorded and announced after the creation and the link', async () => {
    const original = {
      name: 'mensagem-original.eml',
      contentType: 'message/rfc822',
      sizeBytes: 0,
      url: 'imap://x/;UID=9',
    };
    feed.push({
      key: 'with-note',
      kind: 'ticket',
      ticket: newTicket({
        externalReference: { system: PORTAL, id: 'P-note' },
        openingNote: { body: 'Anexos da mensagem de abertura.', attachments: [original] },
      }),
    });
    await runner.tick();
    const id = await ticketIdOf('P-note');
    const entries = await t.request('GET', `/tickets/${id}/entries`, { token: team.admin });
    expect(entries.body.items).toMatchObject([
      { kind: 'internal', direction: 'internal', body: 'Anexos da mensagem de abertura.', attachments: [original] },
    ]);
    const audit = await t.request('GET', `/tickets/${id}/audit`, { token: team.admin });
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual([
      'ticket.created',
      'ticket.external_reference_linked',
      'ticket.note_added',
    ]);
    const events = await sql<{ type: string; number: number }>(
      t,
      `select type, (payload->>'number')::int as number from outbox_events where aggregate_id = $1 order by occurred_at, type`,
      [id],
    );
    const number = (await t.request('GET', `/tickets/${id}`, { token: team.admin })).body.number;
    expect(events).toEqual([
      { type: 'ticket.created', number },
      { type: 'ticket.note_added', number },
    ]);
  });

  it('refuses an opening note the core would refuse on an entry, and creates nothing', async () => {
    const before = await ticketCount();
    feed.push({
      key: 'bad-note',
      kind: 'ticket',
      ticket: newTicket({
        externalReference: { system: PORTAL, id: 'P-bad-note' },
        openingNote: { body: 'x'.repeat(100_001) },
      }),
    });
    await runner.tick();
    expect(await ticketCount()).toBe(before);
    expect((await inbound()).find((c) => c.key === 'bad-note')).toMatchObject({
      outcome: 'rejected',
      error: expect.stringMatching(/^refused by the core: body: /),
    });
  });
});
