import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  BusinessCalendar,
  computeClocks,
  plannedSlaTimers,
  slaPolicy,
  SLA_TIMER_PREFIX,
  type ClockEvent,
  type SlaContext,
} from '@escala/domain';
import { createTestDatabase } from '@escala/db-tools';
import { startTestApp } from './support/test-app.js';
import { ManualClock } from './support/manual-clock.js';
import { ormConfig, TimerScheduler, TimersModule, TimersService, type Clock, type TimerSubject } from '@escala/core';

interface OutboxRow {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  occurredAt: string | Date;
}

const sp = (local: string) => new Date(`${local}-03:00`);
const START = sp('2026-12-07T10:00');

let database: { url: string; drop: () => Promise<void> };
const instances: INestApplicationContext[] = [];

/** One server instance's timers: its own ORM and connection pool on the shared database. */
async function startInstance(clock: Clock, options: { tickIntervalMs?: number; batchSize?: number } = {}) {
  const app = await NestFactory.createApplicationContext(
    {
      module: class TimersTestInstance {},
      imports: [
        MikroOrmModule.forRoot(ormConfig({ databaseUrl: database.url, poolMax: 4 })),
        TimersModule.forRoot({ tickIntervalMs: options.tickIntervalMs ?? 0, batchSize: options.batchSize, clock }),
      ],
    },
    { logger: false },
  );
  instances.push(app);
  const em = app.get(EntityManager);
  return {
    app,
    scheduler: app.get(TimerScheduler),
    timers: app.get(TimersService),
    /** Runs `work` in a transaction of its own, the way a feature service would. */
    inTransaction: <T>(work: (timers: TimersService) => Promise<T>) =>
      em.fork().transactional(() => work(app.get(TimersService))),
    outbox: async () =>
      (
        await em
          .fork()
          .execute<OutboxRow[]>(
            `select type, aggregate_type as "aggregateType", aggregate_id as "aggregateId", payload, occurred_at as "occurredAt" from outbox_events order by position`,
          )
      ).map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) })),
    /** Open timers of the subjects whose id starts with `prefix` (each test uses its own). */
    openTimers: async (prefix: string) =>
      (
        await em
          .fork()
          .execute<{ kind: string; eventType: string; dueAt: string }[]>(
            `select kind, event_type as "eventType", due_at as "dueAt" from timers where fired_at is null and subject_id like ? order by due_at, kind`,
            [`${prefix}%`],
          )
      ).map((row) => ({ ...row, dueAt: new Date(row.dueAt) })),
  };
}

async function stop(app: INestApplicationContext) {
  await app.close();
  instances.splice(instances.indexOf(app), 1);
}

const ticket = (id: string): TimerSubject => ({ type: 'ticket', id });
const timer = (kind: string, dueAt: Date) => ({ kind, dueAt, eventType: 'sla.warning' as const, payload: { kind } });

beforeAll(async () => {
  database = await createTestDatabase(inject('testDatabaseServerUrl'));
});
afterEach(async () => {
  for (const app of [...instances]) await stop(app);
});
afterAll(async () => {
  await database?.drop();
});

describe('durable timers', () => {
  it('arm, move and cancel inside the caller’s transaction: a rollback leaves no timer', async () => {
    const clock = new ManualClock(START);
    const one = await startInstance(clock);
    await expect(
      one.inTransaction(async (timers) => {
        await timers.schedule(ticket('rolled-back'), timer('a', sp('2026-12-07T11:00')));
        await timers.sync(ticket('rolled-back-too'), 'sla:', [timer('sla:b', sp('2026-12-07T11:00'))]);
        throw new Error('the ticket change failed');
      }),
    ).rejects.toThrow('the ticket change failed');
    expect(await one.openTimers('rolled-back')).toEqual([]);
    expect(await one.openTimers('rolled-back-too')).toEqual([]);

    await one.inTransaction(async (timers) => {
      await timers.schedule(ticket('t1'), timer('a', sp('2026-12-07T11:00')));
      await timers.schedule(ticket('t1'), timer('a', sp('2026-12-07T12:00')));
      await timers.schedule(ticket('t1'), timer('b', sp('2026-12-07T13:00')));
      await timers.cancel(ticket('t1'), 'b');
    });
    expect((await one.openTimers('t1')).map((t) => [t.kind, t.dueAt])).toEqual([['a', sp('2026-12-07T12:00')]]);
    await expect(one.inTransaction((timers) => timers.sync(ticket('t1'), 'sla:', [timer('a', START)]))).rejects.toThrow(
      /outside the synced prefix/,
    );
  });

  it('survives a restart: timers armed by one instance fire from the next one', async () => {
    const clock = new ManualClock(START);
    const before = await startInstance(clock);
    await before.inTransaction((timers) => timers.schedule(ticket('t2'), timer('restart', sp('2026-12-07T10:30'))));
    await stop(before.app);

    const after = await startInstance(clock);
    expect(await after.scheduler.tick()).toBe(0);
    clock.set(sp('2026-12-07T10:30'));
    expect(await after.scheduler.tick()).toBe(1);
    const events = (await after.outbox()).filter((e) => e.aggregateId === 't2');
    expect(events.map((e) => [e.type, e.aggregateType, e.payload])).toEqual([
      [
        'sla.warning',
        'ticket',
        { kind: 'restart', timer: { kind: 'restart', dueAt: sp('2026-12-07T10:30').toISOString() } },
      ],
    ]);
    expect(await after.scheduler.tick()).toBe(0);
  });

  it('two instances ticking at once on the same database fire each timer exactly once', async () => {
    const clock = new ManualClock(START);
    const a = await startInstance(clock, { tickIntervalMs: 5, batchSize: 7 });
    const b = await startInstance(clock, { tickIntervalMs: 5, batchSize: 7 });
    const subjects = Array.from({ length: 100 }, (_, i) => ticket(`c${i}`));
    await a.inTransaction(async (timers) => {
      for (const [i, subject] of subjects.entries()) {
        for (const kind of ['x', 'y', 'z'])
          await timers.schedule(subject, timer(kind, new Date(START.getTime() + (i % 10) * 60_000)));
      }
    });
    clock.set(sp('2026-12-07T11:00'));
    // Both background ticks run; the test adds manual ticks from both instances on top.
    const manual = await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
    while ((await a.openTimers('c')).length > 0) await new Promise((resolve) => setTimeout(resolve, 10));

    const events = (await a.outbox()).filter((e) => e.aggregateId.startsWith('c'));
    const fired = events.map((e) => `${e.aggregateId}/${(e.payload as { kind: string }).kind}`);
    expect(fired).toHaveLength(300);
    expect(new Set(fired).size).toBe(300);
    expect(manual.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(300);
  });
});

describe('SLA timers', () => {
  const context: SlaContext = {
    calendar: BusinessCalendar.withDefaults(),
    policy: slaPolicy({ 'n1-stage-1': { analysis: { hours: 1, basis: 'business' } } }),
  };

  it('sla.warning then sla.breached, exactly once each, with two scheduler instances and recomputation after every change', async () => {
    const clock = new ManualClock(START);
    const a = await startInstance(clock);
    const b = await startInstance(clock);
    const events: ClockEvent[] = [{ type: 'created', at: START, unitKey: 'n1-stage-1' }];
    const subject = ticket('sla-1');
    const recompute = (instance: typeof a) =>
      instance.inTransaction((timers) =>
        timers.sync(
          subject,
          SLA_TIMER_PREFIX,
          plannedSlaTimers(subject.id, computeClocks(events, context, clock.now())),
        ),
      );
    const tickBoth = () =>
      Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
    const slaEvents = async () =>
      (await a.outbox()).filter((e) => e.aggregateId === subject.id).map((e) => [e.type, e.occurredAt]);

    await recompute(a);
    clock.set(sp('2026-12-07T10:45'));
    await tickBoth();
    expect(await slaEvents()).toEqual([['sla.warning', sp('2026-12-07T10:45')]]);

    // The ticket changes after the warning (a pause and a resume): the warning is not announced again.
    events.push({ type: 'paused', at: sp('2026-12-07T10:50'), reason: 'waiting-customer' });
    clock.set(sp('2026-12-07T10:50'));
    await recompute(b);
    expect(await a.openTimers(subject.id)).toEqual([]);
    events.push({ type: 'resumed', at: sp('2026-12-07T11:20') });
    clock.set(sp('2026-12-07T11:20'));
    await recompute(a);
    expect((await a.openTimers(subject.id)).map((t) => [t.eventType, t.dueAt])).toEqual([
      ['sla.breached', sp('2026-12-07T11:30')],
    ]);

    clock.set(sp('2026-12-07T11:30'));
    await tickBoth();
    await recompute(b);
    clock.set(sp('2026-12-07T12:30'));
    await tickBoth();
    expect(await slaEvents()).toEqual([
      ['sla.warning', sp('2026-12-07T10:45')],
      ['sla.breached', sp('2026-12-07T11:30')],
    ]);
    const [, breached] = (await a.outbox()).filter((e) => e.aggregateId === subject.id);
    expect(breached?.payload).toMatchObject({
      ticketId: 'sla-1',
      unitKey: 'n1-stage-1',
      clock: 'analysis',
      dueAt: sp('2026-12-07T11:30').toISOString(),
    });
  });

  it('a met clock cancels its open timers', async () => {
    const clock = new ManualClock(START);
    const a = await startInstance(clock);
    const subject = ticket('sla-2');
    const sync = (events: ClockEvent[]) =>
      a.inTransaction((timers) =>
        timers.sync(
          subject,
          SLA_TIMER_PREFIX,
          plannedSlaTimers(subject.id, computeClocks(events, context, clock.now())),
        ),
      );
    await sync([{ type: 'created', at: START, unitKey: 'n1-stage-1' }]);
    expect(await a.openTimers(subject.id)).toHaveLength(2);
    await sync([
      { type: 'created', at: START, unitKey: 'n1-stage-1' },
      { type: 'acted', at: sp('2026-12-07T10:10') },
    ]);
    expect(await a.openTimers(subject.id)).toEqual([]);
  });
});

describe('the server', () => {
  it('runs the timers tick by itself: a due timer reaches the outbox without anyone calling tick()', async () => {
    const server = await startTestApp({ ESCALA_TIMER_TICK_MS: '20' });
    try {
      const em = server.app.get(EntityManager);
      await em
        .fork()
        .transactional(() =>
          server.app.get(TimersService).schedule(ticket('server-1'), timer('due', new Date(Date.now() - 1000))),
        );
      const firedEvents = () =>
        em.fork().execute<{ type: string }[]>(`select type from outbox_events where aggregate_id = 'server-1'`);
      while ((await firedEvents()).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await firedEvents()).toEqual([{ type: 'sla.warning' }]);
    } finally {
      await server.close();
    }
  });
});
