import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectorError, type CorePort, type NewTriageItem } from '@escala/connector-kit';
import { MikroORM } from '@mikro-orm/postgresql';
import { CORE_PORTS, ormConfig, type CorePorts } from '@escala/core';
import { expectCatalogued } from './support/event-catalogue.js';
import { sql } from './support/sql.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The relationship desk's triage (seed 000), fed through a channel's port as the e-mail plugin does. */
describe('triage: unknown senders wait for the relationship desk, who redirect or dismiss each', () => {
  let t: TestApp;
  let team: SupportTeam;
  let port: CorePort;
  let channelId: string;
  let desk: string;
  let deskUserId: string;
  let received = Date.parse('2026-12-03T12:00:00.000Z');

  const mail = (overrides: Partial<NewTriageItem> = {}): NewTriageItem => {
    const id = `<${randomUUID()}@desconhecido.com>`;
    received += 60_000;
    return {
      key: id,
      sender: { email: 'Fulano@Desconhecido.com', name: 'Fulano de Tal' },
      subject: 'Orçamento',
      body: 'Gostaria de um orçamento para o módulo fiscal.',
      receivedAt: new Date(received).toISOString(),
      attachments: [
        { name: 'planilha.xlsx', contentType: 'application/vnd.ms-excel', sizeBytes: 1200, url: 'imap://x/;UID=1' },
      ],
      sourceUrl: 'imap://suporte@127.0.0.1:143/INBOX;UIDVALIDITY=1/;UID=1',
      externalReference: { system: 'email', id },
      category: 'duvida-utilizacao',
      ...overrides,
    };
  };
  const held = async (item = mail()) => ({ ...(await port.holdForTriage(item)), item });
  const redirect = (id: string, body: object, token = desk) =>
    t.request('POST', `/triage-items/${id}/redirect`, { token, body });
  const ticketOf = async (id: string) =>
    (
      await sql<{ ticket_id: string }>(t, 'select ticket_id from ticket_external_references where external_id = $1', [
        id,
      ])
    )[0]?.ticket_id;

  beforeAll(async () => {
    t = await startTestApp({ ESCALA_ROLES: 'api' });
    team = await setUpTeam(t, 'two-stage-n1');
    const user = await t.request('POST', '/users', {
      token: team.admin,
      body: { login: 'juliana', displayName: 'Juliana', roles: ['relationship'], password: 'desk-password-123' },
    });
    deskUserId = user.body.id;
    desk = await t.login('juliana', 'desk-password-123');
    channelId = randomUUID();
    await sql(
      t,
      `insert into channels (id, connector_key, name, settings, secrets_ciphertext, subscription, enabled, created_at, updated_at)
       values ($1, 'email', 'Caixa do suporte', '{}', null, '{"eventTypes":[],"tiers":[],"stages":[],"tags":[],"categories":[]}', true, now(), now())`,
      [channelId],
    );
    port = t.app.get<CorePorts>(CORE_PORTS).forChannel(channelId);
  }, 60_000);
  afterAll(() => t?.close());

  it('holds a message once per key, audited, with an event, and lists the open ones oldest first', async () => {
    const later = mail({ receivedAt: new Date(received + 3_600_000).toISOString() });
    const first = await held();
    await held(later);
    expect(first.recorded).toBe(true);
    expect(await port.holdForTriage(first.item)).toEqual({ id: first.id, recorded: false });

    const list = await t.request('GET', '/triage-items', { token: desk });
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((i: { subject: string }) => i.subject === 'Orçamento');
    expect(mine.map((i: { externalReference: { id: string } }) => i.externalReference.id)).toEqual([
      first.item.key,
      later.key,
    ]);
    expect(mine[0]).toMatchObject({
      channel: { id: channelId, name: 'Caixa do suporte' },
      sender: { email: 'fulano@desconhecido.com', name: 'Fulano de Tal' },
      body: 'Gostaria de um orçamento para o módulo fiscal.',
      attachments: [expect.objectContaining({ name: 'planilha.xlsx' })],
      receivedAt: first.item.receivedAt,
      status: 'open',
    });
    const audit = await sql(t, `select action from audit_records where subject_id = $1`, [first.id]);
    expect(audit).toEqual([{ action: 'triage.item_held' }]);
    await expectCatalogued(t, ['triage.item_held']);
  });

  it('refuses what a channel hands it malformed, as permanent errors naming the field', async () => {
    for (const [bad, field] of [
      [mail({ sender: { email: 'not-an-address' } }), 'sender.email'],
      [mail({ receivedAt: 'yesterday' }), 'receivedAt'],
      [mail({ key: ' ' }), 'key'],
      [mail({ attachments: Array.from({ length: 21 }, () => mail().attachments![0]!) }), 'attachments'],
    ] as const) {
      const error = await port.holdForTriage(bad).catch((e: unknown) => e);
      expect(isConnectorError(error) && error.kind, field).toBe('permanent');
      expect(String((error as Error).message)).toContain(field);
    }
  });

  it('redirects to an existing ticket: the mail is the customer’s public message there, and its thread follows', async () => {
    const ticket = await t.request('POST', '/tickets', {
      token: team.people['N1-E1']!.token,
      body: {
        customerId: team.customerId,
        contactId: team.contactId,
        channel: 'email',
        category: 'duvida-utilizacao',
        subject: 'Nota',
        description: 'Nota não sai',
      },
    });
    const { id, item } = await held();
    const done = await redirect(id, { to: 'ticket', ticketNumber: ticket.body.number });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      item: { status: 'redirected', handledBy: deskUserId, outcome: { to: 'ticket', ticketId: ticket.body.id } },
      ticket: { id: ticket.body.id, number: ticket.body.number },
    });
    const entries = await t.request('GET', `/tickets/${ticket.body.id}/entries`, { token: desk });
    expect(entries.body.items.at(-1)).toMatchObject({ kind: 'public', body: item.body, direction: 'from_customer' });
    // The next mail of the thread finds the ticket by this Message-ID.
    expect(await port.findTicketByExternalReference(item.externalReference!)).toEqual({
      id: ticket.body.id,
      number: ticket.body.number,
    });
    const again = await redirect(id, { to: 'ticket', ticketId: ticket.body.id });
    expect(again.status).toBe(409);
    const events = await expectCatalogued(t, ['triage.item_resolved', 'ticket.customer_wrote']);
    const wrote = events.find(
      (event) => event.type === 'ticket.customer_wrote' && event.payload.ticketId === ticket.body.id,
    );
    expect(wrote?.payload).toMatchObject({ text: item.body, externalReference: item.externalReference });
  });

  it('redirects to a new ticket in a stage, for the customer the member chose, adding the sender as its contact', async () => {
    const { id, item } = await held();
    const done = await redirect(id, {
      to: 'unit',
      unitKey: 'N1-E2',
      customerId: team.customerId,
      addSenderAsContact: true,
    });
    expect(done.status).toBe(200);
    const ticket = await t.request('GET', `/tickets/${done.body.ticket.id}`, { token: desk });
    expect(ticket.body).toMatchObject({
      unitKey: 'N1-E2',
      customerId: team.customerId,
      category: 'duvida-utilizacao',
      subject: 'Orçamento',
      description: item.body,
      channel: 'email',
    });
    const customer = await t.request('GET', `/customers/${team.customerId}`, { token: desk });
    const contact = customer.body.contacts.find((c: { email: string }) => c.email === 'fulano@desconhecido.com');
    expect(contact).toMatchObject({ name: 'Fulano de Tal', id: ticket.body.contactId });
    // Their next mail matches by address: no triage again.
    expect(await port.findCustomerByEmail('fulano@desconhecido.com')).toMatchObject({ matchedBy: 'address' });
    expect(await ticketOf(item.key)).toBe(done.body.ticket.id);
    const audit = await sql(t, `select action from audit_records where subject_id = $1 order by occurred_at`, [id]);
    expect(audit).toEqual([{ action: 'triage.item_held' }, { action: 'triage.item_redirected' }]);
  });

  it('redirects to a person: a new ticket assigned to them, in their own unit', async () => {
    const { id } = await held(mail({ sender: { email: 'beltrano@outro.com' } }));
    const agent = team.people['N1-E1']!;
    const done = await redirect(id, {
      to: 'person',
      assigneeId: agent.id,
      customerId: team.customerId,
      category: 'financeiro',
    });
    expect(done.status).toBe(200);
    const ticket = await t.request('GET', `/tickets/${done.body.ticket.id}`, { token: desk });
    expect(ticket.body).toMatchObject({
      assigneeId: agent.id,
      unitKey: 'N1-E1',
      category: 'financeiro',
      contactId: null,
    });
  });

  it('dismisses with a reason, after which nothing else can be done with it', async () => {
    const { id } = await held();
    const dismissed = await t.request('POST', `/triage-items/${id}/dismissal`, {
      token: desk,
      body: { reason: 'spam' },
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', outcome: { reason: 'spam' }, handledBy: deskUserId });
    const list = await t.request('GET', '/triage-items', { token: desk });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await redirect(id, { to: 'unit', unitKey: 'N1-E1', customerId: team.customerId })).status).toBe(409);
    expect(
      (await t.request('POST', `/triage-items/${id}/dismissal`, { token: desk, body: { reason: 'spam' } })).status,
    ).toBe(409);
  });

  it('refuses hostile requests and leaves the item open, changing nothing', async () => {
    const { id, item } = await held();
    const tickets = async () => Number((await sql<{ n: string }>(t, 'select count(*) as n from tickets'))[0]!.n);
    const before = await tickets();
    const cases: Array<[object, number, string?]> = [
      [{ to: 'unit', unitKey: 'N9', customerId: team.customerId }, 400, 'unitKey'],
      [{ to: 'unit', unitKey: 'N1-E1', customerId: randomUUID() }, 400, 'customerId'],
      [{ to: 'unit', unitKey: 'N1-E1', customerId: team.customerId, category: 'inexistente' }, 400, 'category'],
      [{ to: 'ticket', ticketId: randomUUID() }, 400, 'ticketId'],
      [{ to: 'ticket', ticketNumber: 999_999 }, 400, 'ticketNumber'],
      [{ to: 'ticket' }, 400, 'ticketId'],
      [{ to: 'person', assigneeId: randomUUID(), customerId: team.customerId }, 400, 'assigneeId'],
      [{ to: 'person', assigneeId: deskUserId, customerId: team.customerId }, 400, 'assigneeId'],
      [{ to: 'queue', unitKey: 'N1-E1' }, 400],
      [{ to: 'unit', unitKey: 'N1-E1', customerId: team.customerId, sql: 'drop table tickets' }, 400],
    ];
    for (const [body, status, field] of cases) {
      const answer = await redirect(id, body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      if (field) expect(JSON.stringify(answer.body), JSON.stringify(body)).toContain(field);
    }
    expect((await redirect(randomUUID(), { to: 'ticket', ticketId: randomUUID() })).status).toBe(404);
    expect((await redirect("1'or'1'='1", { to: 'ticket', ticketId: randomUUID() })).status).toBe(400);
    expect(
      (await t.request('POST', `/triage-items/${id}/dismissal`, { token: desk, body: { reason: '' } })).status,
    ).toBe(400);
    for (const role of [team.people['N1-E1']!.token, team.people.REL!.token]) {
      expect((await t.request('GET', '/triage-items', { token: role })).status).toBe(403);
      expect((await redirect(id, { to: 'unit', unitKey: 'N1-E1', customerId: team.customerId }, role)).status).toBe(
        403,
      );
    }
    expect(await tickets()).toBe(before);
    expect(await ticketOf(item.key)).toBeUndefined();
    const [row] = await sql<{ status: string }>(t, 'select status from triage_items where id = $1', [id]);
    expect(row!.status).toBe('open');
  });

  it('lets one of two people redirecting the same item at once win; the other is told it was handled', async () => {
    const { id } = await held();
    const tickets = async () => Number((await sql<{ n: string }>(t, 'select count(*) as n from tickets'))[0]!.n);
    const before = await tickets();
    const answers = await Promise.all([
      redirect(id, { to: 'unit', unitKey: 'N1-E1', customerId: team.customerId }),
      redirect(id, { to: 'unit', unitKey: 'N1-E2', customerId: team.customerId }, team.people.leader!.token),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await tickets()).toBe(before + 1);
  });

  it("makes a sender writing from the domain of a customer's contacts its contact; a stranger stays unknown", async () => {
    const colleague = await port.createTicket({
      subject: 'Dúvida',
      body: 'Sou colega da Maria.',
      customerId: team.customerId,
      requester: { name: 'Pedro', email: 'pedro@exemplo.com.br' },
      channel: 'email',
      category: 'duvida-utilizacao',
    });
    const ticket = await t.request('GET', `/tickets/${colleague.id}`, { token: desk });
    const customer = await t.request('GET', `/customers/${team.customerId}`, { token: desk });
    expect(customer.body.contacts.find((c: { id: string }) => c.id === ticket.body.contactId)).toMatchObject({
      name: 'Pedro',
      email: 'pedro@exemplo.com.br',
    });
    expect(await port.findCustomerByEmail('pedro@exemplo.com.br')).toMatchObject({ matchedBy: 'address' });

    const stranger = await port.createTicket({
      subject: 'Dúvida',
      body: 'Outro domínio.',
      customerId: team.customerId,
      requester: { email: 'alguem@gmail.com' },
      channel: 'email',
      category: 'duvida-utilizacao',
    });
    expect((await t.request('GET', `/tickets/${stranger.id}`, { token: desk })).body.contactId).toBeNull();
  });

  it('its migration rolls back (the table goes) and forward again (items can be held)', async () => {
    const migrate = async (direction: 'up' | 'down') => {
      const orm = await MikroORM.init({ ...ormConfig({ databaseUrl: t.databaseUrl, poolMax: 1 }), debug: false });
      try {
        await orm.migrator[direction]({ migrations: ['Migration20261204020000_triage_items'] });
      } finally {
        await orm.close(true);
      }
    };
    const exists = async () =>
      (await sql<{ table: string | null }>(t, `select to_regclass('triage_items')::text as table`))[0]!.table;
    await migrate('down');
    expect(await exists()).toBeNull();
    await migrate('up');
    expect(await exists()).toBe('triage_items');
    expect((await held()).recorded).toBe(true);
  });
});
