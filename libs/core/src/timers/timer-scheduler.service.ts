import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { QueryResult } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '../clock/clock.service.js';
import { PeriodicJob } from '../clock/periodic-job.js';
import { TIMERS_OPTIONS, type TimersModuleOptions } from './timer-spec.js';

const DEFAULT_BATCH_SIZE = 500;

/**
 * One statement, so claiming, writing the outbox events and marking fired commit together. The
 * event carries the timer's payload plus `timer: {kind, dueAt}`; events are written in due order.
 */
export const FIRE_DUE_TIMERS = `
  with due as (
    select id from timers where fired_at is null and due_at <= ?::timestamptz
    order by due_at limit ? for update skip locked
  ), fired as (
    update timers set fired_at = ?::timestamptz, updated_at = ?::timestamptz from due where timers.id = due.id
    returning timers.subject_type, timers.subject_id, timers.kind, timers.event_type, timers.due_at, timers.payload
  )
  insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
  select gen_random_uuid(), event_type, subject_type, subject_id,
    payload || jsonb_build_object('timer', jsonb_build_object('kind', kind, 'dueAt', to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
    ?::timestamptz
  from fired order by due_at`;

/**
 * The scheduler tick: claims due open timers with `FOR UPDATE SKIP LOCKED`, writes their events to
 * `outbox_events` and marks them fired, atomically per batch. Any number of instances may tick
 * at once; each timer fires exactly once.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    registry: SchedulerRegistry,
    @Inject(TIMERS_OPTIONS) private readonly options: TimersModuleOptions,
  ) {
    this.job = new PeriodicJob(registry, 'timers-tick', new Logger(TimerScheduler.name), () => this.tick());
  }

  onApplicationBootstrap(): void {
    this.job.start(this.options.tickIntervalMs);
  }

  /** Lets a running tick commit before the database connection closes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Fires every timer due at the clock's now; returns how many fired. */
  async tick(): Promise<number> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const fired = await this.fireBatch(batchSize);
      total += fired;
      if (fired < batchSize) return total;
    }
  }

  private async fireBatch(batchSize: number): Promise<number> {
    const now = this.clock.now().toISOString();
    const result = await this.em.fork().execute<QueryResult>(FIRE_DUE_TIMERS, [now, batchSize, now, now, now], 'run');
    return result.affectedRows;
  }
}
