import { describe, expect, it } from 'vitest';
import { setNow, sp, useQueueDesk } from './support/queue-desk.js';
import type { TeamMember } from './support/support-team.js';

const desk = useQueueDesk('2026-12-07T08:00');
const { newAgent, openTicket, customerWrites, drain } = desk;

describe('queue order', () => {
  it('puts skip-reason tickets first, oldest first among them, and shows reasons and waiting times', async () => {
    await drain('N1');
    const a = await openTicket('2026-12-07T09:00');
    const b = await openTicket('2026-12-07T09:10');
    const c = await openTicket('2026-12-07T09:20', { tags: ['URGENTE'] });
    const d = await openTicket('2026-12-07T09:30');
    const e = await openTicket('2026-12-07T09:40');
    setNow('2026-12-07T10:00');
    expect(
      (
        await desk.t.request('PATCH', `/tickets/${d.id}`, {
          token: desk.team.people.N1!.token,
          body: { priorityEmail: true },
        })
      ).status,
    ).toBe(200);
    await customerWrites(b.id, 'Alguma novidade? Preciso disso hoje.');

    const view = await desk.t.request('GET', '/queue/N1', { token: desk.team.people.N1!.token });
    expect(view.status).toBe(200);
    expect(
      view.body.items.map((i: { number: number; skipReason: string | null; waitingMs: number; position: number }) => [
        i.position,
        i.number,
        i.skipReason,
        i.waitingMs / 60_000,
      ]),
    ).toEqual([
      [1, b.number, 'customer-contacted-again', 50],
      [2, c.number, 'urgent', 40],
      [3, d.number, 'priority-email', 30],
      [4, a.number, null, 60],
      [5, e.number, null, 20],
    ]);
    expect((await desk.t.request('GET', '/queue/N1', { token: desk.team.people.leader!.token })).status).toBe(200);
  });

  it('hands out the next ticket in that order, one per request, to phone and web agents alike', async () => {
    await drain('N1');
    const a = await openTicket('2026-12-08T09:00');
    const b = await openTicket('2026-12-08T09:05');
    const c = await openTicket('2026-12-08T09:10', { tags: ['URGENTE'] });
    setNow('2026-12-08T09:30');
    const web = await newAgent('N1', 'web');
    const phone = await newAgent('N1', 'phone');
    const taken = [];
    for (const agent of [phone, web, phone]) {
      const next = await desk.t.request('POST', '/queue/next', { token: agent.token });
      expect(next.status).toBe(200);
      taken.push([next.body.ticket.number, next.body.ticket.assigneeId]);
      // Each agent answers before asking again, so nothing is pending.
      await desk.t.request('POST', `/tickets/${next.body.ticket.id}/entries`, {
        token: agent.token,
        body: { kind: 'public', body: 'Olá, estamos verificando.' },
      });
    }
    expect(taken).toEqual([
      [c.number, phone.id],
      [a.number, web.id],
      [b.number, phone.id],
    ]);
    expect((await desk.t.request('POST', '/queue/next', { token: web.token })).body).toEqual({ ticket: null });
    const history = await desk.t.request('GET', `/tickets/${c.id}/entries`, { token: web.token });
    expect(history.body.items.map((i: { body: string }) => i.body)).toContain(
      `Atendimento assumido antes dos mais antigos por ${phone.displayName} — motivo: urgência — situação: Novo → Em análise`,
    );
    const plain = await desk.t.request('GET', `/tickets/${a.id}/entries`, { token: web.token });
    expect(plain.body.items.map((i: { body: string }) => i.body)).toContain(
      `Atendimento assumido por ${web.displayName} (próximo da fila) — situação: Novo → Em análise`,
    );
  });
});

describe('taking a ticket out of order', () => {
  it('is refused naming the ticket to take, and allowed with a skip reason that is recorded', async () => {
    await drain('N1');
    const a = await openTicket('2026-12-09T09:00');
    const b = await openTicket('2026-12-09T09:10', { tags: ['URGENTE'] });
    const c = await openTicket('2026-12-09T09:20');
    const d = await openTicket('2026-12-09T09:30');
    setNow('2026-12-09T09:40');
    const agent = await newAgent('N1');

    const refused = await desk.t.request('POST', `/queue/take/${d.id}`, { token: agent.token });
    expect(refused.status).toBe(409);
    expect(refused.body.blocking).toEqual([{ kind: 'older-ticket', ticketId: b.id, ticketNumber: b.number }]);
    expect(refused.body.detail).toContain(`take ticket ${b.number} first`);
    expect((await desk.t.request('GET', `/tickets/${d.id}`, { token: agent.token })).body.assigneeId).toBeNull();

    // A priority e-mail arrives for d: it may now be taken before a and c (and after the urgent b).
    await desk.t.request('PATCH', `/tickets/${d.id}`, { token: agent.token, body: { priorityEmail: true } });
    const allowed = await desk.t.request('POST', `/queue/take/${d.id}`, { token: agent.token });
    expect(allowed.status).toBe(200);
    expect(allowed.body.ticket).toMatchObject({ id: d.id, assigneeId: agent.id, priorityEmail: false });

    const audit = await desk.t.request('GET', `/tickets/${d.id}/audit`, { token: desk.team.people.leader!.token });
    const taken = audit.body.items.find((r: { action: string }) => r.action === 'ticket.taken');
    expect(taken.after).toMatchObject({ assigneeId: agent.id, skipReason: 'priority-email', passedOver: [b.id] });
    const entries = await desk.t.request('GET', `/tickets/${d.id}/entries`, { token: agent.token });
    expect(entries.body.items.at(-1).body).toMatch(
      /^Atendimento assumido antes dos mais antigos por Agente \d+ — motivo: e-mail de prioridade — situação: Novo → Em análise$/,
    );

    await desk.t.request('POST', `/tickets/${d.id}/entries`, {
      token: agent.token,
      body: { kind: 'public', body: 'Recebemos seu e-mail.' },
    });
    const urgent = await desk.t.request('POST', `/queue/take/${b.id}`, { token: agent.token });
    expect(urgent.status).toBe(200);
    const urgentAudit = await desk.t.request('GET', `/tickets/${b.id}/audit`, {
      token: desk.team.people.leader!.token,
    });
    expect(urgentAudit.body.items.find((r: { action: string }) => r.action === 'ticket.taken').after).toMatchObject({
      skipReason: 'urgent',
      passedOver: [a.id],
    });
    const second = await newAgent('N1');
    expect((await desk.t.request('POST', `/queue/take/${b.id}`, { token: second.token })).status).toBe(409);
    expect((await desk.t.request('POST', `/queue/take/${a.id}`, { token: second.token })).status).toBe(200);
    const left = await desk.t.request('GET', '/queue/N1', { token: second.token });
    expect(left.body.items.map((i: { ticketId: string }) => i.ticketId)).toEqual([c.id]);
  });
});

describe('pending items', () => {
  it('block next-ticket with the list until the customer is answered; waiting customer does not hide them', async () => {
    await drain('N1');
    await openTicket('2026-12-10T09:00');
    const older = await openTicket('2026-12-10T08:30');
    setNow('2026-12-10T09:30');
    const agent = await newAgent('N1');
    const first = await desk.t.request('POST', '/queue/next', { token: agent.token });
    expect(first.body.ticket.id).toBe(older.id);

    setNow('2026-12-10T10:00');
    await customerWrites(older.id, 'Segue o print do erro.');
    setNow('2026-12-10T10:05');
    const blocked = await desk.t.request('POST', '/queue/next', { token: agent.token });
    expect(blocked.status).toBe(409);
    expect(blocked.body.blocking).toEqual([
      {
        ticketId: older.id,
        ticketNumber: older.number,
        kind: 'customer-reply-unanswered',
        since: sp('2026-12-10T10:00').toISOString(),
        description: null,
      },
    ]);

    await desk.t.request('POST', `/tickets/${older.id}/status`, {
      token: agent.token,
      body: { status: 'waiting_customer' },
    });
    expect((await desk.t.request('POST', '/queue/next', { token: agent.token })).status).toBe(409);

    setNow('2026-12-10T10:10');
    await desk.t.request('POST', `/tickets/${older.id}/entries`, {
      token: agent.token,
      body: { kind: 'public', body: 'Obrigado, já estamos analisando.' },
    });
    const released = await desk.t.request('POST', '/queue/next', { token: agent.token });
    expect(released.status).toBe(200);
    expect(released.body.ticket).not.toBeNull();
  });

  it('a ticket blocks whoever holds it: handed over, its new holder; closed, nobody', async () => {
    await drain('N1');
    const ticket = await openTicket('2026-12-11T08:00');
    setNow('2026-12-11T08:30');
    const first = await newAgent('N1');
    const second = await newAgent('N1');
    const next = (agent: { token: string }) => desk.t.request('POST', '/queue/next', { token: agent.token });
    expect((await next(first)).body.ticket.id).toBe(ticket.id);
    setNow('2026-12-11T09:00');
    await customerWrites(ticket.id, 'Alguma novidade?');
    expect((await next(first)).status).toBe(409);

    const leader = desk.team.people.leader!.token;
    const handed = await desk.t.request('PATCH', `/tickets/${ticket.id}`, {
      token: leader,
      body: { assigneeId: second.id },
    });
    expect(handed.status).toBe(200);
    expect((await next(first)).status).toBe(200);
    const blocked = await next(second);
    expect(blocked.status).toBe(409);
    expect(blocked.body.blocking.map((b: { ticketId: string }) => b.ticketId)).toEqual([ticket.id]);

    for (const status of ['resolved', 'closed'])
      expect(
        (await desk.t.request('POST', `/tickets/${ticket.id}/status`, { token: leader, body: { status } })).status,
      ).toBe(200);
    expect((await next(second)).status).toBe(200);
  });
});

describe('concurrency', () => {
  it('50 agents asking at once get 50 distinct tickets, the 50 oldest, none skipped', async () => {
    await drain('N2');
    const agentsN2: TeamMember[] = [];
    for (let i = 0; i < 50; i++) agentsN2.push(await newAgent('N2'));
    const tickets = [];
    for (let i = 0; i < 60; i++) {
      const minute = String(i).padStart(2, '0');
      tickets.push(await openTicket(`2026-12-11T09:${minute}`, { category: 'configuracao-email' }));
    }
    // Move them to N2's queue in an order different from their age, so queue time and opening time disagree.
    setNow('2026-12-11T11:00');
    for (const ticket of [...tickets].reverse()) {
      const moved = await desk.t.request('POST', `/tickets/${ticket.id}/escalations`, {
        token: desk.team.people.N1!.token,
        body: { toUnit: 'N2', reason: 'especialista' },
      });
      expect(moved.status).toBe(200);
    }
    const answers = await Promise.all(
      agentsN2.map((agent) => desk.t.request('POST', '/queue/next', { token: agent.token })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const claimed = answers.map((a) => a.body.ticket.id as string);
    expect(new Set(claimed).size).toBe(50);
    expect(new Set(claimed)).toEqual(new Set(tickets.slice(0, 50).map((ticket) => ticket.id)));
    const owners = answers.map((a, i) => a.body.ticket.assigneeId === agentsN2[i]!.id);
    expect(owners.every(Boolean)).toBe(true);
    const left = await desk.t.request('GET', '/queue/N2', { token: desk.team.people.leader!.token });
    expect(left.body.items.map((i: { ticketId: string }) => i.ticketId)).toEqual(
      tickets.slice(50).map((ticket) => ticket.id),
    );
  });
});
