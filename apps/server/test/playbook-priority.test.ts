import { describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';
import { expectCatalogued } from './support/event-catalogue.js';

const app = useTeamApp();

const token = (key: string) => app.team.people[key]!.token;
const day = (offset: number) => {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });
  return new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
};
async function openTicket(overrides: Record<string, unknown> = {}) {
  const created = await app.t.request('POST', '/tickets', {
    token: token('N1'),
    body: ticketBody(app.team, {
      category: 'configuracao-email',
      subject: 'Notas não importam',
      assigneeId: app.team.people.N1!.id,
      ...overrides,
    }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; number: number };
}

describe('priority sense', () => {
  it('asks the leader to mark the ticket priority; the leader approves, audited, and the ticket is tagged', async () => {
    const ticket = await openTicket({ deadlines: [{ description: 'Entrega da EFD ICMS/IPI', dueOn: day(5) }] });
    const asked = await app.t.request('POST', `/tickets/${ticket.id}/priority-requests`, {
      token: token('N1'),
      body: { kind: 'ticket-priority', justification: 'Prazo da EFD em 5 dias' },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', kind: 'ticket-priority' });
    const entries = (await app.t.request('GET', `/tickets/${ticket.id}/entries`, { token: token('N1') })).body
      .items as { kind: string; body: string }[];
    expect(entries.find((e) => e.kind === 'internal')!.body).toBe(
      `N1 n1-n5 solicita ao líder que a solicitação ${ticket.number} seja marcada como prioridade. Justificativa: Prazo da EFD em 5 dias`,
    );

    const byAgent = await app.t.request('POST', `/priority-requests/${asked.body.id}/decision`, {
      token: token('N2'),
      body: { approve: true },
    });
    expect(byAgent.status).toBe(403);
    const approved = await app.t.request('POST', `/priority-requests/${asked.body.id}/decision`, {
      token: token('leader'),
      body: { approve: true },
    });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: app.team.people.leader!.id });
    expect((await app.t.request('GET', `/tickets/${ticket.id}`, { token: token('N1') })).body).toMatchObject({
      tags: ['PRIORIDADE'],
      deadlines: [{ description: 'Entrega da EFD ICMS/IPI', dueOn: day(5) }],
    });
    const twice = await app.t.request('POST', `/priority-requests/${asked.body.id}/decision`, {
      token: token('leader'),
      body: { approve: false, declineReason: 'x' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toBe('The request was already approved');
    const audit = await sql(
      app.t,
      `select action from audit_records where subject_id = $1 and action like 'ticket.priority%' order by id`,
      [ticket.id],
    );
    expect(audit).toEqual([{ action: 'ticket.priority_requested' }, { action: 'ticket.priority_decided' }]);
  });

  it('asks for dev-request prioritisation only once N2/N3 are involved; a decline needs its reason', async () => {
    const ticket = await openTicket();
    const tooEarly = await app.t.request('POST', `/tickets/${ticket.id}/priority-requests`, {
      token: token('N1'),
      body: { kind: 'dev-request-prioritisation', justification: 'Cliente parado', devRequestRef: 'SS-4821' },
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.detail).toBe('Dev-request prioritisation is asked only when N2 or N3 are involved');
    await app.t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: token('N1'),
      body: { toUnit: 'N2', reason: 'erro de integração' },
    });
    const noRef = await app.t.request('POST', `/tickets/${ticket.id}/priority-requests`, {
      token: token('N1'),
      body: { kind: 'dev-request-prioritisation', justification: 'Cliente parado' },
    });
    expect(noRef.status).toBe(400);
    const asked = await app.t.request('POST', `/tickets/${ticket.id}/priority-requests`, {
      token: token('N1'),
      body: { kind: 'dev-request-prioritisation', justification: 'Cliente parado', devRequestRef: 'SS-4821' },
    });
    expect(asked.status).toBe(201);
    const noReason = await app.t.request('POST', `/priority-requests/${asked.body.id}/decision`, {
      token: token('leader'),
      body: { approve: false },
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].message).toBe('Say why the request is declined');
    const declined = await app.t.request('POST', `/priority-requests/${asked.body.id}/decision`, {
      token: token('leader'),
      body: { approve: false, declineReason: 'SS já está na sprint atual' },
    });
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'SS já está na sprint atual' });
    const list = await app.t.request('GET', `/tickets/${ticket.id}/priority-requests`, { token: token('N1') });
    expect(list.body.items.map((r: { status: string }) => r.status)).toEqual(['declined']);
  });

  it('shows the implementation items within the deadline window or touching the affected module', async () => {
    const customer = await app.t.request('POST', '/customers', {
      token: app.team.admin,
      body: { name: 'Contábil Agenda', contacts: [] },
    });
    const add = (scheduledFor: string, module: string, status = 'scheduled') =>
      app.t.request('POST', `/customers/${customer.body.id}/implementation`, {
        token: app.team.admin,
        body: { scheduledFor, module, status },
      });
    for (const [when, module, status] of [
      [day(-2), 'Folha', 'scheduled'],
      [day(3), 'Folha', 'scheduled'],
      [day(6), 'Contábil', 'scheduled'],
      [day(20), 'Escrita Fiscal', 'scheduled'],
      [day(25), 'Folha', 'scheduled'],
      [day(4), 'Patrimônio', 'cancelled'],
    ] as const)
      expect((await add(when, module, status)).status).toBe(201);
    const ticket = await openTicket({
      customerId: customer.body.id,
      contactId: null,
      module: 'Escrita Fiscal',
      deadlines: [{ description: 'SPED', dueOn: day(7) }],
    });
    const view = await app.t.request('GET', `/tickets/${ticket.id}/implementation`, { token: token('N1') });
    expect(view.status).toBe(200);
    expect(view.body.items.map((i: { scheduledFor: string; module: string }) => [i.scheduledFor, i.module])).toEqual([
      [day(3), 'Folha'],
      [day(6), 'Contábil'],
      [day(20), 'Escrita Fiscal'],
    ]);
  });
});

describe('events', () => {
  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(app.t, [
      'ticket.priority_requested',
      'ticket.priority_approved',
      'ticket.priority_declined',
    ]);
  });
});
