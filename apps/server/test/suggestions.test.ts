import { describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';
import { expectCatalogued } from './support/event-catalogue.js';

const app = useTeamApp();

describe('improvement suggestions register', () => {
  it('lets agents and leaders register with origin ticket/customer, filter, and move them along, audited', async () => {
    const ticket = await app.t.request('POST', '/tickets', {
      token: app.team.people.N1!.token,
      body: ticketBody(app.team, { category: 'configuracao-email' }),
    });
    const fromTicket = await app.t.request('POST', '/suggestions', {
      token: app.team.people.N1!.token,
      body: {
        title: 'Atalho para reenviar XML',
        description: 'Clientes pedem reenviar XML pelo portal',
        originTicketId: ticket.body.id,
      },
    });
    expect(fromTicket.status).toBe(201);
    expect(fromTicket.body).toMatchObject({
      status: 'proposed',
      originTicketId: ticket.body.id,
      originCustomerId: app.team.customerId,
      registeredBy: app.team.people.N1!.id,
      ownerId: null,
    });
    const byLeader = await app.t.request('POST', '/suggestions', {
      token: app.team.people.leader!.token,
      body: {
        title: 'Treinamento de eSocial',
        description: 'Muitas dúvidas repetidas',
        ownerId: app.team.people.leader!.id,
      },
    });
    expect(byLeader.status).toBe(201);

    const fromCustomer = await app.t.request('GET', `/suggestions?originCustomerId=${app.team.customerId}`, {
      token: app.team.people.N2!.token,
    });
    expect(fromCustomer.body.items.map((s: { id: string }) => s.id)).toEqual([fromTicket.body.id]);
    const owned = await app.t.request('GET', `/suggestions?ownerId=${app.team.people.leader!.id}`, {
      token: app.team.people.N2!.token,
    });
    expect(owned.body.items.map((s: { id: string }) => s.id)).toEqual([byLeader.body.id]);

    const byAgent = await app.t.request('PATCH', `/suggestions/${fromTicket.body.id}`, {
      token: app.team.people.N1!.token,
      body: { status: 'accepted' },
    });
    expect(byAgent.status).toBe(403);
    const accepted = await app.t.request('PATCH', `/suggestions/${fromTicket.body.id}`, {
      token: app.team.people.leader!.token,
      body: { status: 'under-review', ownerId: app.team.people.N2!.id },
    });
    expect(accepted.body).toMatchObject({ status: 'under-review', ownerId: app.team.people.N2!.id });
    const underReview = await app.t.request('GET', '/suggestions?status=under-review', {
      token: app.team.people.N1!.token,
    });
    expect(underReview.body.items.map((s: { id: string }) => s.id)).toEqual([fromTicket.body.id]);

    const audit = await sql(
      app.t,
      `select action from audit_records where subject_type = 'suggestion' and subject_id = $1 order by occurred_at`,
      [fromTicket.body.id],
    );
    expect(audit).toEqual([{ action: 'suggestion.registered' }, { action: 'suggestion.updated' }]);
  });

  it('refuses an unknown origin ticket or owner with 400 naming the field', async () => {
    const badTicket = await app.t.request('POST', '/suggestions', {
      token: app.team.people.N1!.token,
      body: { title: 'x', description: 'y', originTicketId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(badTicket.status).toBe(400);
    expect(badTicket.body.errors).toEqual([{ field: 'originTicketId', message: 'no such ticket' }]);
    const badStatus = await app.t.request('PATCH', '/suggestions/00000000-0000-4000-8000-000000000000', {
      token: app.team.admin,
      body: { status: 'maybe' },
    });
    expect(badStatus.status).toBe(400);
  });
});

describe('events', () => {
  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(app.t, ['suggestion.registered']);
  });
});
