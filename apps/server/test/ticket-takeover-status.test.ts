import { describe, expect, it } from 'vitest';
import { setNow, useQueueDesk } from './support/queue-desk.js';
import { sql } from './support/sql.js';

const desk = useQueueDesk('2026-12-07T08:00');
const { newAgent, openTicket, drain } = desk;

const statusEvents = (ticketId: string) =>
  sql(
    desk.t,
    `select payload->>'from' as "from", payload->>'to' as "to" from outbox_events
     where type = 'ticket.status_changed' and aggregate_id = $1 order by occurred_at`,
    [ticketId],
  );

describe('status after a take-over', () => {
  it('moves a new ticket an agent takes to in_analysis, with its history line, audit record and event', async () => {
    await drain('N1');
    const ticket = await openTicket('2026-12-07T09:00');
    const agent = await newAgent('N1');
    setNow('2026-12-07T09:30');

    const next = await desk.t.request('POST', '/queue/next', { token: agent.token });
    expect(next.status).toBe(200);
    expect(next.body.ticket).toMatchObject({ id: ticket.id, status: 'in_analysis', assigneeId: agent.id });
    expect((await desk.t.request('GET', `/tickets/${ticket.id}`, { token: agent.token })).body.status).toBe(
      'in_analysis',
    );
    const history = await desk.t.request('GET', `/tickets/${ticket.id}/entries`, { token: agent.token });
    expect(history.body.items.map((i: { body: string }) => i.body)).toContain(
      `Atendimento assumido por ${agent.displayName} (próximo da fila) — situação: Novo → Em análise`,
    );
    const audit = await desk.t.request('GET', `/tickets/${ticket.id}/audit`, { token: desk.team.people.leader!.token });
    expect(
      audit.body.items
        .filter((r: { action: string }) => r.action === 'ticket.status_changed')
        .map((r: { before: unknown; after: unknown; actorId: string }) => [r.before, r.after, r.actorId]),
    ).toEqual([[{ status: 'new' }, { status: 'in_analysis', takeover: true }, agent.id]]);
    expect(await statusEvents(ticket.id)).toEqual([{ from: 'new', to: 'in_analysis' }]);

    // Taking starts the analysis; it is not the first response the customer is owed.
    const sla = await desk.t.request('GET', `/tickets/${ticket.id}/sla`, { token: agent.token });
    expect(sla.body.clocks.map((c: { kind: string; state: string }) => [c.kind, c.state])).toEqual([
      ['first-response', 'running'],
    ]);
  });

  it('takes a chosen ticket the same way, and an agent named on an escalation takes it over too', async () => {
    await drain('N1');
    const urgent = await openTicket('2026-12-08T09:00', { tags: ['URGENTE'] });
    const agent = await newAgent('N1');
    setNow('2026-12-08T09:10');
    const taken = await desk.t.request('POST', `/queue/take/${urgent.id}`, { token: agent.token });
    expect(taken.status).toBe(200);
    expect(taken.body.ticket.status).toBe('in_analysis');

    const untaken = await openTicket('2026-12-08T09:20');
    const n2 = await newAgent('N2');
    const escalated = await desk.t.request('POST', `/tickets/${untaken.id}/escalations`, {
      token: desk.team.people.leader!.token,
      body: { toUnit: 'N2', reason: 'Especialista necessário', assigneeId: n2.id },
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body).toMatchObject({ unitKey: 'N2', assigneeId: n2.id, status: 'in_analysis' });
    expect(await statusEvents(untaken.id)).toEqual([{ from: 'new', to: 'in_analysis' }]);

    // Escalated into a queue with nobody named, a ticket keeps its status until someone takes it.
    const queued = await openTicket('2026-12-08T09:30');
    const toQueue = await desk.t.request('POST', `/tickets/${queued.id}/escalations`, {
      token: desk.team.people.leader!.token,
      body: { toUnit: 'N2', reason: 'Especialista necessário' },
    });
    expect(toQueue.body).toMatchObject({ unitKey: 'N2', assigneeId: null, status: 'new' });
  });

  it('writes what the take found: no status move for a ticket already in analysis, and nothing at all from an empty queue', async () => {
    await drain('N1');
    await drain('N2');
    const ticket = await openTicket('2026-12-09T09:00');
    const n1 = await newAgent('N1');
    const n2 = await newAgent('N2');
    setNow('2026-12-09T09:10');
    await desk.t.request('POST', '/queue/next', { token: n1.token });
    const escalated = await desk.t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: desk.team.people.leader!.token,
      body: { toUnit: 'N2', reason: 'Especialista necessário' },
    });
    expect(escalated.body).toMatchObject({ unitKey: 'N2', status: 'in_analysis' });

    setNow('2026-12-09T09:20');
    const next = await desk.t.request('POST', '/queue/next', { token: n2.token });
    expect(next.body.ticket).toMatchObject({ id: ticket.id, status: 'in_analysis', assigneeId: n2.id });
    const history = await desk.t.request('GET', `/tickets/${ticket.id}/entries`, { token: n2.token });
    expect(history.body.items.at(-1).body).toBe(`Atendimento assumido por ${n2.displayName} (próximo da fila)`);
    expect(await statusEvents(ticket.id)).toEqual([{ from: 'new', to: 'in_analysis' }]);
    const audit = await desk.t.request('GET', `/tickets/${ticket.id}/audit`, { token: desk.team.people.leader!.token });
    const takes = audit.body.items.filter((r: { action: string }) => r.action === 'ticket.taken');
    expect(takes.at(-1)).toMatchObject({
      actorId: n2.id,
      before: { assigneeId: escalated.body.assigneeId },
      after: { assigneeId: n2.id, unitKey: 'N2', skipReason: null, passedOver: [] },
    });
    const assigned = await sql(
      desk.t,
      `select payload - 'ticket' as payload from outbox_events where type = 'ticket.assigned' and aggregate_id = $1 order by position`,
      [ticket.id],
    );
    expect(assigned.at(-1)!.payload).toEqual({
      ticketId: ticket.id,
      number: ticket.number,
      assigneeId: n2.id,
      previousAssigneeId: escalated.body.assigneeId,
    });

    const written = () =>
      sql(
        desk.t,
        `select (select count(*) from audit_records) as audit, (select count(*) from outbox_events) as events,
           (select count(*) from ticket_entries) as entries`,
      );
    const before = await written();
    const empty = await desk.t.request('POST', '/queue/next', { token: n2.token });
    expect(empty.status).toBe(200);
    expect(empty.body.ticket).toBeNull();
    expect(await written()).toEqual(before);
  });
});
