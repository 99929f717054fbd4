import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TimerScheduler } from '@escala/core';
import { sql } from './support/sql.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { expectCatalogued } from './support/event-catalogue.js';

/** The app runs in this process: faking Date moves its clock (ticket history, timers, explanations). */
const sp = (local: string) => new Date(`${local}-03:00`);
const iso = (local: string) => sp(local).toISOString();
const setNow = (local: string) => vi.setSystemTime(sp(local));
const HOUR = 3_600_000;
// The scheduler ticks only when the test says so; sessions outlive the weeks the tests move through.
const ENV = { ESCALA_TIMER_TICK_MS: '0', ESCALA_SESSION_TTL_MINUTES: '43200' };

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setNow('2026-12-07T08:00');
  a = await startTestApp(ENV);
  // A second server instance on the same database, with its own scheduler.
  b = await startTestApp(ENV, a.databaseUrl);
});
afterAll(async () => {
  await b.close();
  await a.close();
  vi.useRealTimers();
});

const tickBoth = () => Promise.all([a, b, a, b].map((instance) => instance.app.get(TimerScheduler).tick()));
const slaEvents = (ticketId: string) =>
  sql<{ type: string; payload: Record<string, unknown> }>(
    a,
    `select type, payload from outbox_events where aggregate_id = $1 and type like 'sla.%' order by position`,
    [ticketId],
  );

describe('SLA clocks on real tickets (preset two-stage-n1: stage 1 analysis 1 h, stage 2 2 h, business hours)', () => {
  let team: SupportTeam;
  beforeAll(async () => {
    team = await setUpTeam(a, 'two-stage-n1');
  });

  it('warns then breaches exactly once with two scheduler instances, and escalation restarts the clocks keeping the blame', async () => {
    setNow('2026-12-07T10:00');
    const stage1 = team.people['N1-E1']!;
    const created = await a.request('POST', '/tickets', {
      token: stage1.token,
      body: ticketBody(team, { category: 'duvida-utilizacao' }),
    });
    expect(created.body.unitKey).toBe('N1-E1');
    const id = created.body.id as string;

    setNow('2026-12-07T10:45');
    await tickBoth();
    setNow('2026-12-07T11:00');
    await tickBoth();
    await tickBoth();
    expect(
      (await slaEvents(id)).map((e) => [
        e.type,
        e.payload.unitKey,
        e.payload.blamedUnit,
        e.payload.clock,
        e.payload.timer,
      ]),
    ).toEqual([
      [
        'sla.warning',
        'N1-E1',
        'N1-E1',
        'analysis',
        { kind: 'sla:0:N1-E1:analysis:warning:0.75', dueAt: iso('2026-12-07T10:45') },
      ],
      [
        'sla.breached',
        'N1-E1',
        'N1-E1',
        'analysis',
        { kind: 'sla:0:N1-E1:analysis:breached', dueAt: iso('2026-12-07T11:00') },
      ],
    ]);

    // Stage 1 escalates to stage 2 at 11:30: stage 2's clock starts; stage 1's breach stays its own.
    setNow('2026-12-07T11:30');
    const escalated = await a.request('POST', `/tickets/${id}/escalations`, {
      token: stage1.token,
      body: { toUnit: 'N1-E2', reason: 'homologação bancária' },
    });
    expect(escalated.status).toBe(200);
    // One step per deadline: two instances firing a warning and a breach due in the same tick may
    // commit them in either order.
    setNow('2026-12-07T13:00');
    await tickBoth();
    setNow('2026-12-07T13:30');
    await tickBoth();
    await tickBoth();
    const events = await slaEvents(id);
    expect(events.map((e) => [e.type, e.payload.blamedUnit, e.payload.currentUnit])).toEqual([
      ['sla.warning', 'N1-E1', 'N1-E1'],
      ['sla.breached', 'N1-E1', 'N1-E1'],
      ['sla.warning', 'N1-E2', 'N1-E2'],
      ['sla.breached', 'N1-E2', 'N1-E2'],
    ]);

    const explained = await b.request('GET', `/tickets/${id}/sla`, { token: team.people.leader!.token });
    expect(explained.status).toBe(200);
    expect(
      explained.body.clocks.map((c: Record<string, unknown>) => [
        c.unitKey,
        c.kind,
        c.state,
        c.startedAt,
        c.dueAt,
        c.breachedAt,
      ]),
    ).toEqual([
      ['N1-E1', 'analysis', 'stopped', iso('2026-12-07T10:00'), iso('2026-12-07T11:00'), iso('2026-12-07T11:00')],
      ['N1-E2', 'analysis', 'running', iso('2026-12-07T11:30'), iso('2026-12-07T13:30'), iso('2026-12-07T13:30')],
    ]);

    // A reply meets the running clock; the fired deadlines are not announced again.
    await a.request('POST', `/tickets/${id}/entries`, {
      token: team.people['N1-E2']!.token,
      body: { kind: 'public', body: 'Estamos verificando a homologação.' },
    });
    await tickBoth();
    expect(await slaEvents(id)).toHaveLength(4);
    expect(await sql(a, `select kind from timers where subject_id = $1 and fired_at is null`, [id])).toEqual([]);
  });

  it('a reopened ticket owes a new analysis on new clocks of its unit; the clocks before keep their outcome', async () => {
    setNow('2026-12-14T10:00');
    const stage1 = team.people['N1-E1']!;
    const id = (
      await a.request('POST', '/tickets', {
        token: stage1.token,
        body: ticketBody(team, { category: 'duvida-utilizacao' }),
      })
    ).body.id as string;
    const move = (status: string) =>
      a.request('POST', `/tickets/${id}/status`, { token: stage1.token, body: { status } });
    setNow('2026-12-14T10:10');
    await a.request('POST', `/tickets/${id}/entries`, {
      token: stage1.token,
      body: { kind: 'public', body: 'Orientação enviada ao cliente.' },
    });
    setNow('2026-12-14T10:20');
    expect((await move('resolved')).status).toBe(200);
    expect(await sql(a, `select kind from timers where subject_id = $1 and fired_at is null`, [id])).toEqual([]);

    // The customer says it still fails: the ticket is reopened the next morning.
    setNow('2026-12-15T09:00');
    expect((await move('in_analysis')).status).toBe(200);
    const explained = await a.request('GET', `/tickets/${id}/sla`, { token: team.people.leader!.token });
    expect(explained.body.clocks.map((c: Record<string, unknown>) => [c.kind, c.state, c.startedAt, c.dueAt])).toEqual([
      // Met by the reply at 10:10, against the 11:00 it was due.
      ['analysis', 'met', iso('2026-12-14T10:00'), iso('2026-12-14T11:00')],
      ['analysis', 'running', iso('2026-12-15T09:00'), iso('2026-12-15T10:00')],
    ]);
    expect(
      await sql(
        a,
        `select kind, due_at as "dueAt" from timers where subject_id = $1 and fired_at is null order by due_at`,
        [id],
      ),
    ).toEqual([
      { kind: 'sla:1:N1-E1:analysis:warning:0.75', dueAt: sp('2026-12-15T09:45') },
      { kind: 'sla:1:N1-E1:analysis:breached', dueAt: sp('2026-12-15T10:00') },
    ]);

    // Working on it meets the new analysis clock: its timers go.
    setNow('2026-12-15T09:30');
    await a.request('POST', `/tickets/${id}/entries`, {
      token: stage1.token,
      body: { kind: 'internal', body: 'Reproduzido no ambiente do cliente.' },
    });
    expect(await sql(a, `select kind from timers where subject_id = $1 and fired_at is null`, [id])).toEqual([]);
  });
});

describe('pauses and explanations (preset n1-n5: N1 first response 24 business hours)', () => {
  let team: SupportTeam;
  beforeAll(async () => {
    setNow('2026-12-08T08:00');
    team = await setUpTeam(a, 'n1-n5');
  });

  it('pauses while waiting on the customer, records the pause, explains the paused clock, and resumes', async () => {
    setNow('2026-12-08T10:00');
    const n1 = team.people.N1!;
    const created = await a.request('POST', '/tickets', {
      token: n1.token,
      body: ticketBody(team, { category: 'configuracao-email' }),
    });
    const id = created.body.id as string;
    setNow('2026-12-08T11:00');
    await a.request('POST', `/tickets/${id}/status`, {
      token: n1.token,
      body: { status: 'waiting_customer', reason: 'aguardando print do erro' },
    });
    expect(await sql(a, `select kind from timers where subject_id = $1 and fired_at is null`, [id])).toEqual([]);

    setNow('2026-12-08T15:00');
    const explained = await a.request('GET', `/tickets/${id}/sla`, { token: n1.token });
    expect(explained.status).toBe(200);
    expect(explained.body.clocks).toEqual([
      {
        clockId: '0:N1:first-response',
        unitKey: 'N1',
        kind: 'first-response',
        state: 'paused',
        target: { hours: 24, basis: 'business' },
        startedAt: iso('2026-12-08T10:00'),
        pauses: [{ reason: 'waiting-customer', from: iso('2026-12-08T11:00'), to: null }],
        segments: [{ start: iso('2026-12-08T10:00'), end: iso('2026-12-08T11:00'), ms: HOUR }],
        holidays: [],
        elapsedMs: HOUR,
        remainingMs: 23 * HOUR,
        dueAt: null,
        endedAt: null,
        endedBy: null,
        breachedAt: null,
        // 23 business hours from Tuesday 15:00: 3 h Tuesday, 10 h Wednesday, 10 h Thursday.
        dueIfResumedNow: iso('2026-12-10T18:00'),
      },
    ]);
    const audit = await a.request('GET', `/tickets/${id}/audit`, { token: team.people.leader!.token });
    expect(
      audit.body.items
        .filter((r: { action: string }) => r.action.startsWith('sla.'))
        .map((r: { action: string; after: unknown }) => [r.action, r.after]),
    ).toEqual([['sla.paused', { reason: 'waiting-customer', at: iso('2026-12-08T11:00') }]]);

    setNow('2026-12-08T16:00');
    await a.request('POST', `/tickets/${id}/status`, { token: n1.token, body: { status: 'in_analysis' } });
    // 1 h counted before the pause; 23 h more from Tuesday 16:00 → Friday 09:00; the 75 % warning (18 h) → Thursday 13:00.
    expect(
      (
        await sql<{ kind: string; due_at: Date }>(
          a,
          `select kind, due_at from timers where subject_id = $1 and fired_at is null order by due_at`,
          [id],
        )
      ).map((r) => [r.kind, r.due_at.toISOString()]),
    ).toEqual([
      ['sla:0:N1:first-response:warning:0.75', iso('2026-12-10T13:00')],
      ['sla:0:N1:first-response:breached', iso('2026-12-11T09:00')],
    ]);
    expect(
      (await a.request('GET', `/tickets/${id}/audit`, { token: team.people.leader!.token })).body.items.at(-1),
    ).toMatchObject({ action: 'sla.resumed' });
  });

  it('counts 24 business hours from Friday 17:00 before Carnaval to the next Friday 11:00, or Wednesday once an admin works Carnaval', async () => {
    setNow('2027-02-05T17:00');
    const admin = await a.login('admin', ADMIN_PASSWORD);
    const created = await a.request('POST', '/tickets', {
      token: admin,
      body: ticketBody(team, { category: 'configuracao-email' }),
    });
    expect(created.body.unitKey).toBe('N1');
    const explained = await a.request('GET', `/tickets/${created.body.id}/sla`, { token: admin });
    const [firstResponse] = explained.body.clocks;
    expect(firstResponse).toMatchObject({
      unitKey: 'N1',
      kind: 'first-response',
      state: 'running',
      dueAt: iso('2027-02-12T11:00'),
    });
    expect(firstResponse.holidays.map((h: { name: string }) => h.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Carnaval/)]),
    );

    // An admin makes Carnaval a working day: tickets from then on are due Wednesday 11:00 instead.
    const calendar = (await a.request('GET', '/business-calendar', { token: admin })).body;
    const saved = await a.request('PUT', '/business-calendar', {
      token: admin,
      body: { ...calendar, holidays: { ...calendar.holidays, workedHolidays: ['Carnaval'] } },
    });
    expect(saved.status).toBe(200);
    const next = await a.request('POST', '/tickets', {
      token: admin,
      body: ticketBody(team, { category: 'configuracao-email' }),
    });
    const [worked] = (await a.request('GET', `/tickets/${next.body.id}/sla`, { token: admin })).body.clocks;
    expect(worked.dueAt).toBe(iso('2027-02-10T11:00'));
    const [record] = await sql<{ action: string; after: { holidays: { workedHolidays: string[] } } }>(
      a,
      `select action, after from audit_records where subject_type = 'business_calendar' order by id desc limit 1`,
    );
    expect(record).toMatchObject({
      action: 'business_calendar.saved',
      after: { holidays: { workedHolidays: ['Carnaval'] } },
    });
    const refused = await a.request('PUT', '/business-calendar', {
      token: admin,
      body: { ...calendar, timeZone: 'Mars/Olympus' },
    });
    expect(refused.status).toBe(400);
  });
});

describe('events', () => {
  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(a, ['sla.warning', 'sla.breached']);
  });
});
