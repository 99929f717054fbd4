import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TimerScheduler } from '@escala/core';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The app runs in this process: faking Date moves its clock, and the test ticks the scheduler. */
const sp = (local: string) => new Date(`${local}-03:00`);
const setNow = (local: string) => vi.setSystemTime(sp(local));
const ENV = { ESCALA_TIMER_TICK_MS: '0', ESCALA_SESSION_TTL_MINUTES: '43200' };

let t: TestApp;
let team: SupportTeam;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setNow('2026-12-07T08:00');
  t = await startTestApp(ENV);
  team = await setUpTeam(t, 'two-stage-n1');
});
afterAll(async () => {
  await t.close();
  vi.useRealTimers();
});

const open = async (subject: string) => {
  const created = await t.request('POST', '/tickets', {
    token: team.people['N1-E1']!.token,
    body: ticketBody(team, { category: 'duvida-utilizacao', subject }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; number: number };
};
const tick = () => t.app.get(TimerScheduler).tick();
const dashboard = () => t.request('GET', '/dashboard', { token: team.people.leader!.token });

describe('leader dashboard: SLA at risk and breached, priority requests waiting', () => {
  it('lists a ticket at risk after its warning, then as breached with who holds it', async () => {
    setNow('2026-12-07T10:00');
    const ticket = await open('Relatório não abre');
    expect((await dashboard()).body.sla).toEqual([]);

    setNow('2026-12-07T10:50'); // past the 75 % warning of the 1 h analysis target
    await tick();
    const atRisk = (await dashboard()).body.sla;
    expect(atRisk).toEqual([expect.objectContaining({ ticketId: ticket.id, number: ticket.number, state: 'at-risk' })]);

    await t.request('POST', '/queue/next', { token: team.people['N1-E1']!.token });
    setNow('2026-12-07T11:05');
    await tick();
    const breached = (await dashboard()).body.sla;
    expect(breached).toEqual([
      expect.objectContaining({
        ticketId: ticket.id,
        state: 'breached',
        unitKey: 'N1-E1',
        assignee: 'N1-E1 two-stage-n1',
      }),
    ]);
  });

  it('lists a priority request until a leader decides it', async () => {
    const ticket = await open('Fechamento depende da correção');
    const requested = await t.request('POST', `/tickets/${ticket.id}/priority-requests`, {
      token: team.people['N1-E1']!.token,
      body: { kind: 'ticket-priority', justification: 'Fechamento fiscal na segunda-feira' },
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const waiting = (await dashboard()).body.pendingPriorityRequests;
    expect(waiting).toEqual([
      expect.objectContaining({
        ticketId: ticket.id,
        number: ticket.number,
        justification: 'Fechamento fiscal na segunda-feira',
      }),
    ]);
    const decided = await t.request('POST', `/priority-requests/${requested.body.id}/decision`, {
      token: team.people.leader!.token,
      body: { approve: true },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBeLessThan(300);
    expect((await dashboard()).body.pendingPriorityRequests).toEqual([]);
  });

  it('is for leaders and admins only', async () => {
    expect((await t.request('GET', '/dashboard', { token: team.people['N1-E1']!.token })).status).toBe(403);
    expect((await t.request('GET', '/dashboard', { token: team.admin })).status).toBe(200);
  });
});
