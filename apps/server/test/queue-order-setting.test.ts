import { describe, expect, it } from 'vitest';
import { setNow, useQueueDesk } from './support/queue-desk.js';

const desk = useQueueDesk('2026-12-07T08:00', { ESCALA_QUEUE_ORDER: 'queued-at' });
const { newAgent, openTicket, drain } = desk;

const escalateToN2 = (ticketId: string) =>
  desk.t.request('POST', `/tickets/${ticketId}/escalations`, {
    token: desk.team.people.N1!.token,
    body: { toUnit: 'N2', reason: 'especialista' },
  });

describe('ESCALA_QUEUE_ORDER=queued-at', () => {
  it('orders a queue by time in it: a ticket escalated into N2 later goes behind N2’s older arrivals though it was opened earlier', async () => {
    const openedFirst = await openTicket('2026-12-07T09:00');
    const openedSecond = await openTicket('2026-12-07T09:30');
    setNow('2026-12-07T10:00');
    expect((await escalateToN2(openedSecond.id)).status).toBe(200);
    setNow('2026-12-07T11:00');
    expect((await escalateToN2(openedFirst.id)).status).toBe(200);

    setNow('2026-12-07T11:30');
    const view = await desk.t.request('GET', '/queue/N2', { token: desk.team.people.leader!.token });
    expect(view.body.order).toBe('queued-at');
    expect(
      view.body.items.map((item: { ticketId: string; waitingMs: number }) => [item.ticketId, item.waitingMs / 60_000]),
    ).toEqual([
      [openedSecond.id, 90],
      [openedFirst.id, 30],
    ]);

    const agent = await newAgent('N2');
    const refused = await desk.t.request('POST', `/queue/take/${openedFirst.id}`, { token: agent.token });
    expect(refused.status).toBe(409);
    expect(refused.body.blocking).toEqual([
      { kind: 'older-ticket', ticketId: openedSecond.id, ticketNumber: openedSecond.number },
    ]);
    const next = await desk.t.request('POST', '/queue/next', { token: agent.token });
    expect(next.body.ticket.id).toBe(openedSecond.id);
  });

  it('records as passed over the tickets that waited longer in the queue when a ticket with a skip reason is taken', async () => {
    await drain('N2');
    const waitedLonger = await openTicket('2026-12-08T09:00');
    const urgent = await openTicket('2026-12-08T08:45', { tags: ['URGENTE'] });
    setNow('2026-12-08T10:00');
    expect((await escalateToN2(waitedLonger.id)).status).toBe(200);
    setNow('2026-12-08T11:00');
    expect((await escalateToN2(urgent.id)).status).toBe(200);

    const agent = await newAgent('N2');
    expect((await desk.t.request('POST', `/queue/take/${urgent.id}`, { token: agent.token })).status).toBe(200);
    const audit = await desk.t.request('GET', `/tickets/${urgent.id}/audit`, { token: desk.team.people.leader!.token });
    expect(audit.body.items.find((record: { action: string }) => record.action === 'ticket.taken').after).toMatchObject(
      { skipReason: 'urgent', passedOver: [waitedLonger.id] },
    );
  });
});
