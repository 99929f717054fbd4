import { describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';
import { expectCatalogued } from './support/event-catalogue.js';

const app = useTeamApp();

const agent = () => app.team.people.N4!.token;
async function openTicket() {
  const created = await app.t.request('POST', '/tickets', {
    token: agent(),
    body: ticketBody(app.team, { subject: 'Notas não baixam' }),
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; number: number };
}
const declare = (id: string, body: Record<string, unknown>) =>
  app.t.request('POST', `/tickets/${id}/urgent`, { token: agent(), body });

describe('URGENTE declaration', () => {
  it('tags the ticket URGENTE, makes it skip-eligible and alerts the leader through the outbox, together', async () => {
    const ticket = await openTicket();
    // Typed as a sentence: the alert still ends it with one full stop.
    const declared = await declare(ticket.id, { serviceCode: 'busca-nfe', urgency: 'Fechamento fiscal hoje às 18h.' });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({
      tags: ['URGENTE'],
      skipEligible: true,
      urgent: { serviceCode: 'busca-nfe', serviceLabel: 'Busca NF-e' },
    });
    expect(declared.body.leaderAlert).toBe(
      `URGENTE: Busca NF-e inoperante para o cliente Contabilidade Exemplo n1-n5-1 (solicitação ${ticket.number}). Urgência informada: Fechamento fiscal hoje às 18h. Acionado por N4 n1-n5.`,
    );
    expect((await app.t.request('GET', `/tickets/${ticket.id}`, { token: agent() })).body.tags).toEqual(['URGENTE']);
    const queue = await app.t.request('GET', '/queue/N4', { token: agent() });
    expect(queue.body.items.find((i: { number: number }) => i.number === ticket.number)).toMatchObject({
      skipReason: 'urgent',
    });
    const events = await sql<{ type: string; payload: Record<string, unknown> }>(
      app.t,
      `select type, payload from outbox_events where aggregate_id = $1 and type = 'ticket.urgent'`,
      [ticket.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      ticketId: ticket.id,
      ticket: { unit: { key: 'N4', tier: 'N4' }, tags: ['URGENTE'] },
      declaration: {
        serviceCode: 'busca-nfe',
        urgency: 'Fechamento fiscal hoje às 18h',
        leaderAlert: declared.body.leaderAlert,
      },
    });
    const audit = await sql(
      app.t,
      `select action from audit_records where subject_id = $1 and action = 'ticket.urgent_declared'`,
      [ticket.id],
    );
    expect(audit).toHaveLength(1);

    const again = await declare(ticket.id, { serviceCode: 'busca-nfe', urgency: 'de novo' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`O atendimento ${ticket.number} já está marcado como URGENTE`);
  });

  it('refuses a service outside the catalogue and an empty urgency, writing nothing', async () => {
    const ticket = await openTicket();
    const unknown = await declare(ticket.id, { serviceCode: 'impressora', urgency: 'muito urgente' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toBe('"impressora" is not an inoperative-service option');
    const noUrgency = await declare(ticket.id, { serviceCode: 'busca-nfe', urgency: '' });
    expect(noUrgency.status).toBe(400);
    expect(noUrgency.body.errors[0].field).toBe('urgency');
    expect(
      await sql(app.t, `select 1 from outbox_events where aggregate_id = $1 and type = 'ticket.urgent'`, [ticket.id]),
    ).toEqual([]);
    expect((await app.t.request('GET', `/tickets/${ticket.id}`, { token: agent() })).body.tags).toEqual([]);
  });

  it('uses the catalogue as admins configure it', async () => {
    const added = await app.t.request('PUT', '/playbook/inoperative-services/mdfe-download', {
      token: app.team.admin,
      body: { label: { 'pt-BR': 'Download de MDF-e', en: 'MDF-e download' } },
    });
    expect(added.status).toBe(200);
    const retired = await app.t.request('PUT', '/playbook/inoperative-services/busca-nfe', {
      token: app.team.admin,
      body: { label: { 'pt-BR': 'Busca NF-e', en: 'NF-e search' }, active: false },
    });
    expect(retired.body.active).toBe(false);
    const forbidden = await app.t.request('PUT', '/playbook/inoperative-services/x', {
      token: agent(),
      body: { label: { 'pt-BR': 'x', en: 'x' } },
    });
    expect(forbidden.status).toBe(403);

    const ticket = await openTicket();
    expect((await declare(ticket.id, { serviceCode: 'busca-nfe', urgency: 'hoje' })).status).toBe(400);
    const declared = await declare(ticket.id, { serviceCode: 'mdfe-download', urgency: 'hoje' });
    expect(declared.status).toBe(201);
    expect(declared.body.urgent.serviceLabel).toBe('Download de MDF-e');
    const catalogue = await app.t.request('GET', '/playbook/inoperative-services', { token: agent() });
    expect(catalogue.body.items.find((s: { code: string }) => s.code === 'mdfe-download')).toMatchObject({
      active: true,
    });
  });
});

describe('events', () => {
  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(app.t, ['ticket.urgent', 'ticket.updated']);
  });
});
