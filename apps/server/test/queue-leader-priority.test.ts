import { describe, expect, it } from 'vitest';
import { setNow, useQueueDesk } from './support/queue-desk.js';

const desk = useQueueDesk('2026-12-07T08:00');
const { newAgent, openTicket, drain } = desk;

const queueOrder = async () => {
  const view = await desk.t.request('GET', '/queue/N1', { token: desk.team.people.leader!.token });
  return view.body.items.map((item: { ticketId: string; skipReason: string | null }) => [
    item.ticketId,
    item.skipReason,
  ]);
};

describe('leader-marked priority in the queue', () => {
  it('a leader approving a ticket-priority request moves the ticket ahead with its own reason leader-priority, and it may be taken out of order (recorded)', async () => {
    await drain('N1');
    const a = await openTicket('2026-12-07T09:00');
    const b = await openTicket('2026-12-07T09:10');
    const c = await openTicket('2026-12-07T09:20');
    setNow('2026-12-07T09:30');
    expect(await queueOrder()).toEqual([
      [a.id, null],
      [b.id, null],
      [c.id, null],
    ]);

    const asked = await desk.t.request('POST', `/tickets/${c.id}/priority-requests`, {
      token: desk.team.people.N1!.token,
      body: { kind: 'ticket-priority', justification: 'Prazo da EFD amanhã' },
    });
    expect(asked.status).toBe(201);
    expect(await queueOrder()).toEqual([
      [a.id, null],
      [b.id, null],
      [c.id, null],
    ]);
    const approved = await desk.t.request('POST', `/priority-requests/${asked.body.id}/decision`, {
      token: desk.team.people.leader!.token,
      body: { approve: true },
    });
    expect(approved.status).toBe(201);
    expect(await queueOrder()).toEqual([
      [c.id, 'leader-priority'],
      [a.id, null],
      [b.id, null],
    ]);

    const agent = await newAgent('N1');
    const taken = await desk.t.request('POST', `/queue/take/${c.id}`, { token: agent.token });
    expect(taken.status).toBe(200);
    const audit = await desk.t.request('GET', `/tickets/${c.id}/audit`, { token: desk.team.people.leader!.token });
    expect(audit.body.items.find((record: { action: string }) => record.action === 'ticket.taken').after).toMatchObject(
      { assigneeId: agent.id, skipReason: 'leader-priority', passedOver: [a.id, b.id] },
    );
    const entries = await desk.t.request('GET', `/tickets/${c.id}/entries`, { token: agent.token });
    expect(entries.body.items.map((item: { body: string }) => item.body)).toContain(
      `Atendimento assumido antes dos mais antigos por ${agent.displayName} — motivo: prioridade marcada pelo líder — situação: Novo → Em análise`,
    );
  });

  it('removing the PRIORIDADE tag takes the reason away in the same change', async () => {
    await drain('N1');
    const a = await openTicket('2026-12-08T09:00');
    const b = await openTicket('2026-12-08T09:10', { tags: ['PRIORIDADE'] });
    setNow('2026-12-08T09:30');
    expect(await queueOrder()).toEqual([
      [b.id, 'leader-priority'],
      [a.id, null],
    ]);
    const untagged = await desk.t.request('PATCH', `/tickets/${b.id}`, {
      token: desk.team.people.leader!.token,
      body: { tags: [] },
    });
    expect(untagged.status).toBe(200);
    expect(await queueOrder()).toEqual([
      [a.id, null],
      [b.id, null],
    ]);
    const agent = await newAgent('N1');
    expect((await desk.t.request('POST', `/queue/take/${b.id}`, { token: agent.token })).body.blocking).toEqual([
      { kind: 'older-ticket', ticketId: a.id, ticketNumber: a.number },
    ]);
  });
});
