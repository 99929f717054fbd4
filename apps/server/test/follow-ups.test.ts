import { describe, expect, it } from 'vitest';
import { setNow, sp, useQueueDesk } from './support/queue-desk.js';
import type { TeamMember } from './support/support-team.js';

const desk = useQueueDesk('2026-12-14T08:00');
const { newAgent, openTicket, drain } = desk;

/** An N1 agent holding one answered ticket (so nothing else is pending) with another waiting behind it. */
async function agentHoldingATicket(day: string) {
  await drain('N1');
  const held = await openTicket(`${day}T08:30`);
  await openTicket(`${day}T08:40`);
  setNow(`${day}T09:00`);
  const agent = await newAgent('N1');
  const taken = await desk.t.request('POST', '/queue/next', { token: agent.token });
  expect(taken.body.ticket.id).toBe(held.id);
  await desk.t.request('POST', `/tickets/${held.id}/entries`, {
    token: agent.token,
    body: { kind: 'public', body: 'Olá, estamos verificando.' },
  });
  return { agent, held };
}

const next = (agent: TeamMember) => desk.t.request('POST', '/queue/next', { token: agent.token });
const waitOnCustomer = (agent: TeamMember, ticketId: string) =>
  desk.t.request('POST', `/tickets/${ticketId}/status`, { token: agent.token, body: { status: 'waiting_customer' } });

describe('follow-ups and commitments as pending items', () => {
  it('a follow-up whose time has come blocks next-ticket with the list, even while waiting on the customer, until done', async () => {
    const { agent, held } = await agentHoldingATicket('2026-12-14');
    const scheduled = await desk.t.request('POST', `/tickets/${held.id}/follow-ups`, {
      token: agent.token,
      body: { dueAt: sp('2026-12-14T14:00').toISOString(), note: 'Ligar de volta' },
    });
    expect(scheduled.status).toBe(201);
    expect((await waitOnCustomer(agent, held.id)).status).toBe(200);

    setNow('2026-12-14T13:59');
    const early = await next(agent);
    expect(early.status).toBe(200);
    await desk.t.request('POST', `/tickets/${early.body.ticket.id}/entries`, {
      token: agent.token,
      body: { kind: 'public', body: 'Olá, estamos verificando.' },
    });

    setNow('2026-12-14T14:00');
    const blocked = await next(agent);
    expect(blocked.status).toBe(409);
    expect(blocked.body.blocking).toEqual([
      {
        ticketId: held.id,
        ticketNumber: held.number,
        kind: 'follow-up-due',
        since: sp('2026-12-14T14:00').toISOString(),
        description: null,
      },
    ]);

    const done = await desk.t.request('POST', `/tickets/${held.id}/follow-ups/${scheduled.body.id}/done`, {
      token: agent.token,
    });
    expect(done.status).toBe(200);
    expect(done.body.doneAt).toBe(sp('2026-12-14T14:00').toISOString());
    expect((await next(agent)).status).toBe(200);
    expect(
      (await desk.t.request('POST', `/tickets/${held.id}/follow-ups/${scheduled.body.id}/done`, { token: agent.token }))
        .status,
    ).toBe(409);
  });

  it('an overdue commitment blocks next-ticket with its description, even while waiting on the customer, until kept', async () => {
    const { agent, held } = await agentHoldingATicket('2026-12-15');
    const promised = await desk.t.request('POST', `/tickets/${held.id}/commitments`, {
      token: agent.token,
      body: { description: 'Retorno até 15:00', dueAt: sp('2026-12-15T15:00').toISOString() },
    });
    expect(promised.status).toBe(201);
    expect((await waitOnCustomer(agent, held.id)).status).toBe(200);

    setNow('2026-12-15T15:01');
    const blocked = await next(agent);
    expect(blocked.status).toBe(409);
    expect(blocked.body.blocking).toEqual([
      {
        ticketId: held.id,
        ticketNumber: held.number,
        kind: 'commitment-overdue',
        since: sp('2026-12-15T15:00').toISOString(),
        description: 'Retorno até 15:00',
      },
    ]);

    const listed = await desk.t.request('GET', `/tickets/${held.id}/commitments`, {
      token: desk.team.people.leader!.token,
    });
    expect(
      listed.body.items.map((item: { description: string; doneAt: string | null }) => [item.description, item.doneAt]),
    ).toEqual([['Retorno até 15:00', null]]);
    expect(
      (await desk.t.request('POST', `/tickets/${held.id}/commitments/${promised.body.id}/done`, { token: agent.token }))
        .status,
    ).toBe(200);
    expect((await next(agent)).status).toBe(200);
  });

  it('refuses bad input naming the fields, answers 404 for an unknown ticket, and audits each change', async () => {
    const { agent, held } = await agentHoldingATicket('2026-12-16');
    const bad = await desk.t.request('POST', `/tickets/${held.id}/commitments`, {
      token: agent.token,
      body: { description: '', dueAt: 'amanhã' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['description', 'dueAt']);
    const unknown = await desk.t.request('POST', `/tickets/00000000-0000-4000-8000-000000000000/follow-ups`, {
      token: agent.token,
      body: { dueAt: sp('2026-12-16T10:00').toISOString() },
    });
    expect(unknown.status).toBe(404);

    const scheduled = await desk.t.request('POST', `/tickets/${held.id}/follow-ups`, {
      token: agent.token,
      body: { dueAt: sp('2026-12-16T10:00').toISOString() },
    });
    await desk.t.request('POST', `/tickets/${held.id}/follow-ups/${scheduled.body.id}/done`, { token: agent.token });
    const audit = await desk.t.request('GET', `/tickets/${held.id}/audit`, { token: desk.team.people.leader!.token });
    const actions = audit.body.items.map((record: { action: string }) => record.action);
    expect(actions).toEqual(expect.arrayContaining(['ticket.follow-up.added', 'ticket.follow-up.done']));
    expect(actions).not.toContain('ticket.commitment.added');
  });

  it('refuses a follow-up or commitment created already overdue, naming dueAt and why, and records nothing', async () => {
    const { agent, held } = await agentHoldingATicket('2026-12-17');
    // 09:00 in São Paulo: two minutes ago, the same wall time read as UTC (06:00 local), last year.
    for (const dueAt of ['2026-12-17T08:58:00-03:00', '2026-12-17T09:00:00Z', '2025-12-17T09:00:00-03:00']) {
      for (const [path, body] of [
        ['follow-ups', { dueAt, note: 'Ligar de volta' }],
        ['commitments', { dueAt, description: 'Retorno até 15:00' }],
      ] as const) {
        const late = await desk.t.request('POST', `/tickets/${held.id}/${path}`, { token: agent.token, body });
        expect([path, dueAt, late.status]).toEqual([path, dueAt, 400]);
        expect(late.body.errors).toEqual([
          { field: 'dueAt', message: expect.stringMatching(/^is already past \(.+ is before now, .+\)/) },
        ]);
      }
    }
    for (const path of ['follow-ups', 'commitments'])
      expect((await desk.t.request('GET', `/tickets/${held.id}/${path}`, { token: agent.token })).body.items).toEqual(
        [],
      );
    // Due now by a client's clock a few seconds behind is still to be done, not late.
    const now = await desk.t.request('POST', `/tickets/${held.id}/follow-ups`, {
      token: agent.token,
      body: { dueAt: sp('2026-12-17T08:59:30').toISOString() },
    });
    expect(now.status).toBe(201);
  });
});
