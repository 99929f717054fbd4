import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let team: SupportTeam;
beforeAll(async () => {
  t = await startTestApp();
  team = await setUpTeam(t, 'n1-n5');
});
afterAll(() => t.close());

describe('improvement suggestions register', () => {
  it('lets agents and leaders register with origin ticket/customer, filter, and move them along, audited', async () => {
    const ticket = await t.request('POST', '/tickets', { token: team.people.N1!.token, body: ticketBody(team, { category: 'configuracao-email' }) });
    const fromTicket = await t.request('POST', '/suggestions', {
      token: team.people.N1!.token,
      body: { title: 'Atalho para reenviar XML', description: 'Clientes pedem reenviar XML pelo portal', originTicketId: ticket.body.id },
    });
    expect(fromTicket.status).toBe(201);
    expect(fromTicket.body).toMatchObject({ status: 'proposed', originTicketId: ticket.body.id, originCustomerId: team.customerId, registeredBy: team.people.N1!.id, ownerId: null });
    const byLeader = await t.request('POST', '/suggestions', { token: team.people.leader!.token, body: { title: 'Treinamento de eSocial', description: 'Muitas dúvidas repetidas', ownerId: team.people.leader!.id } });
    expect(byLeader.status).toBe(201);

    const fromCustomer = await t.request('GET', `/suggestions?originCustomerId=${team.customerId}`, { token: team.people.N2!.token });
    expect(fromCustomer.body.items.map((s: { id: string }) => s.id)).toEqual([fromTicket.body.id]);
    const owned = await t.request('GET', `/suggestions?ownerId=${team.people.leader!.id}`, { token: team.people.N2!.token });
    expect(owned.body.items.map((s: { id: string }) => s.id)).toEqual([byLeader.body.id]);

    const byAgent = await t.request('PATCH', `/suggestions/${fromTicket.body.id}`, { token: team.people.N1!.token, body: { status: 'accepted' } });
    expect(byAgent.status).toBe(403);
    const accepted = await t.request('PATCH', `/suggestions/${fromTicket.body.id}`, { token: team.people.leader!.token, body: { status: 'under-review', ownerId: team.people.N2!.id } });
    expect(accepted.body).toMatchObject({ status: 'under-review', ownerId: team.people.N2!.id });
    const underReview = await t.request('GET', '/suggestions?status=under-review', { token: team.people.N1!.token });
    expect(underReview.body.items.map((s: { id: string }) => s.id)).toEqual([fromTicket.body.id]);

    const audit = await sql(t, `select action from audit_records where subject_type = 'suggestion' and subject_id = $1 order by occurred_at`, [fromTicket.body.id]);
    expect(audit).toEqual([{ action: 'suggestion.registered' }, { action: 'suggestion.updated' }]);
  });

  it('refuses an unknown origin ticket or owner with 400 naming the field', async () => {
    const badTicket = await t.request('POST', '/suggestions', { token: team.people.N1!.token, body: { title: 'x', description: 'y', originTicketId: '00000000-0000-4000-8000-000000000000' } });
    expect(badTicket.status).toBe(400);
    expect(badTicket.body.errors).toEqual([{ field: 'originTicketId', message: 'no such ticket' }]);
    const badStatus = await t.request('PATCH', '/suggestions/00000000-0000-4000-8000-000000000000', { token: team.admin, body: { status: 'maybe' } });
    expect(badStatus.status).toBe(400);
  });
});
