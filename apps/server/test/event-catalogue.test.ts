import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { isConnectorError, TicketSummarySchema, type CorePort } from '@escala/connector-kit';
import { FakeHttpReceiver } from '@escala/connector-kit/testing';
import { CORE_PORTS, type CorePorts } from '@escala/core';
import { expectCatalogued } from './support/event-catalogue.js';
import { eventually, FAST_DELIVERY, queryDatabase } from './support/outbox.js';
import { ticketBody, useTeamApp } from './support/support-team.js';

const PUBLIC_URL = 'https://escala.example.com/suporte';

describe('events: a typed catalogue carrying the ticket summary', () => {
  const ctx = useTeamApp('n1-n5', { ...FAST_DELIVERY, ESCALA_PUBLIC_URL: `${PUBLIC_URL}/` });
  const leaderN2 = { receiver: undefined as unknown as FakeHttpReceiver, channelId: '' };
  const mail = { receiver: undefined as unknown as FakeHttpReceiver, channelId: '' };
  let port: CorePort;

  const channel = async (name: string, receiver: FakeHttpReceiver, subscription: Record<string, unknown>) => {
    const response = await ctx.t.request('POST', '/channels', {
      token: ctx.team.admin,
      body: {
        connector: 'webhook',
        name,
        config: { url: receiver.url, apiToken: 'tok-events-0001', signingSecret: 'sig-events-signing-0002' },
        subscription,
      },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.id as string;
  };
  const createTicket = async (overrides: Record<string, unknown>) => {
    const response = await ctx.t.request('POST', '/tickets', {
      token: ctx.team.admin,
      body: ticketBody(ctx.team, overrides),
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; number: number };
  };
  /** Every committed event has been fanned out to the channels it matches. */
  const fannedOut = () =>
    eventually('the outbox to be fanned out', async () => {
      const [row] = await queryDatabase<{ waiting: number }>(
        ctx.t.databaseUrl,
        `select count(*)::int as waiting from outbox_dispatch_queue`,
      );
      return row!.waiting === 0;
    });
  const deliveredTo = (channelId: string) =>
    queryDatabase<{ type: string; ticketId: string; text: string | null }>(
      ctx.t.databaseUrl,
      `select e.type, e.aggregate_id as "ticketId", e.payload ->> 'text' as text
         from channel_deliveries d join outbox_events e on e.id = d.event_id where d.channel_id = $1 order by e.position`,
      [channelId],
    );

  beforeAll(async () => {
    leaderN2.receiver = await FakeHttpReceiver.start();
    mail.receiver = await FakeHttpReceiver.start();
    leaderN2.channelId = await channel('Líder N2', leaderN2.receiver, { eventTypes: ['ticket.urgent'], tiers: ['N2'] });
    mail.channelId = await channel('E-mail', mail.receiver, { eventTypes: ['ticket.reply_sent'] });
    port = ctx.t.app.get<CorePorts>(CORE_PORTS).forChannel(mail.channelId);
  });
  afterAll(async () => {
    await leaderN2.receiver.stop();
    await mail.receiver.stop();
  });

  it('a channel filtered to N2 gets an N2 ticket.urgent, with the ticket summary, and not an N1 one', async () => {
    const n1 = await createTicket({ category: 'configuracao-email', tags: ['URGENTE'] });
    const n2 = await createTicket({
      category: 'implementacao-tecnica',
      tags: ['URGENTE'],
      subject: 'Integração parada',
    });
    await fannedOut();
    expect(await deliveredTo(leaderN2.channelId)).toEqual([{ type: 'ticket.urgent', ticketId: n2.id, text: null }]);
    expect(n1.id).not.toBe(n2.id);

    await leaderN2.receiver.until(() => leaderN2.receiver.deliveries().length > 0);
    const received = JSON.parse(leaderN2.receiver.deliveries()[0]!.body);
    expect(received.payload.ticket).toMatchObject({
      id: n2.id,
      number: n2.number,
      subject: 'Integração parada',
      status: 'new',
      unit: { key: 'N2', tier: 'N2', stage: null },
      category: 'implementacao-tecnica',
      tags: ['URGENTE'],
      customer: { id: ctx.team.customerId },
      contact: { name: 'Maria', email: 'maria@exemplo.com.br' },
      assignee: null,
      slaClocks: [{ kind: 'first-response', unit: 'N2' }],
      url: `${PUBLIC_URL}/tickets/${n2.id}`,
    });
  });

  it("sends our reply to the mail channel, never the customer's own message", async () => {
    const ticket = await createTicket({ category: 'configuracao-email' });
    await port.addEntry(ticket.id, {
      direction: 'from_customer',
      body: 'Continua sem receber e-mails.',
      externalReference: { system: 'email', id: '<m1@exemplo.com.br>' },
    });
    const reply = await ctx.t.request('POST', `/tickets/${ticket.id}/entries`, {
      token: ctx.team.people.N1!.token,
      body: { kind: 'public', body: 'Olá Maria,\n\nRefizemos a configuração <MX>.' },
    });
    expect(reply.status).toBe(201);
    await fannedOut();
    expect(await deliveredTo(mail.channelId)).toEqual([
      { type: 'ticket.reply_sent', ticketId: ticket.id, text: 'Olá Maria,\n\nRefizemos a configuração <MX>.' },
    ]);

    const events = await expectCatalogued(ctx.t, ['ticket.reply_sent', 'ticket.customer_wrote']);
    const sent = events.find((e) => e.type === 'ticket.reply_sent' && e.aggregateId === ticket.id);
    expect(sent?.payload).toMatchObject({
      author: { id: ctx.team.people.N1!.id },
      html: '<p>Olá Maria,</p>\n<p>Refizemos a configuração &lt;MX&gt;.</p>',
      recipients: { to: ['maria@exemplo.com.br'], cc: [] },
      references: [{ system: 'email', id: '<m1@exemplo.com.br>' }],
    });
    const wrote = events.find((e) => e.type === 'ticket.customer_wrote' && e.aggregateId === ticket.id);
    expect(wrote?.payload).toMatchObject({
      text: 'Continua sem receber e-mails.',
      externalReference: { system: 'email', id: '<m1@exemplo.com.br>' },
    });
    const entries = await ctx.t.request('GET', `/tickets/${ticket.id}/entries`, { token: ctx.team.admin });
    expect(entries.body.items.map((e: { kind: string; direction: string }) => [e.kind, e.direction])).toEqual([
      ['public', 'from_customer'],
      ['public', 'to_customer'],
    ]);
  });

  it('reads the ticket summary through the port by id or number, and refuses a malformed key', async () => {
    const ticket = await createTicket({ category: 'configuracao-email' });
    const byId = await port.getTicketSummary({ id: ticket.id });
    expect(TicketSummarySchema.parse(byId)).toMatchObject({ number: ticket.number, unit: { tier: 'N1' } });
    expect(await port.getTicketSummary({ number: ticket.number })).toEqual(byId);
    expect(await port.getTicketSummary({ number: 999_999 })).toBeNull();
    const refused = await port.getTicketSummary({ id: "1' or '1'='1" }).catch((error: unknown) => error);
    expect(isConnectorError(refused) && refused.kind).toBe('permanent');
  });

  it('writes every ticket change in its declared shape', async () => {
    const ticket = await createTicket({ category: 'configuracao-email' });
    const agent = ctx.team.people.N1!;
    const calls = [
      ['PATCH', `/tickets/${ticket.id}`, { assigneeId: agent.id }],
      ['POST', `/tickets/${ticket.id}/status`, { status: 'in_analysis' }],
      ['POST', `/tickets/${ticket.id}/entries`, { kind: 'internal', body: 'Verificando o MX.' }],
      ['POST', `/tickets/${ticket.id}/escalations`, { toUnit: 'N2', reason: 'Servidor de e-mail do cliente' }],
    ] as const;
    for (const [method, path, body] of calls)
      expect((await ctx.t.request(method, path, { token: ctx.team.admin, body })).status).toBeLessThan(300);
    const events = await expectCatalogued(ctx.t, [
      'support_structure.changed',
      'ticket.created',
      'ticket.updated',
      'ticket.assigned',
      'ticket.status_changed',
      'ticket.note_added',
      'ticket.escalated',
    ]);
    const last = events.filter((e) => e.aggregateId === ticket.id).at(-1);
    expect(last).toMatchObject({
      type: 'ticket.escalated',
      payload: { ticket: { status: 'in_analysis', unit: { key: 'N2' }, assignee: null } },
    });
  });
});
