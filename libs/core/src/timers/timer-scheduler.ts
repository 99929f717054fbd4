import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock/clock.js';
import { OutboxEventSchema } from '../persistence/entities/index.js';
import { TIMERS_OPTIONS, type TimersModuleOptions } from './timer-spec.js';

const DEFAULT_BATCH_SIZE = 500;

interface DueTimer {
  id: string;
  subject_type: string;
  subject_id: string;
  kind: string;
  event_type: string;
  due_ms: number;
  payload: Record<string, unknown>;
}

/**
 * The scheduler tick: claims due open timers with `FOR UPDATE SKIP LOCKED`, writes their events to
 * the outbox and marks them fired, in one transaction per batch. Any number of instances may tick
 * at once; each timer fires exactly once.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimerScheduler.name);
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly registry: SchedulerRegistry,
    @Inject(TIMERS_OPTIONS) private readonly options: TimersModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.tickIntervalMs <= 0) return;
    this.registry.addInterval('timers-tick', setInterval(() => void this.tickInBackground(), this.options.tickIntervalMs));
  }

  /** Lets a running tick commit before the database connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', 'timers-tick')) this.registry.deleteInterval('timers-tick');
    await this.inFlight?.catch(() => undefined);
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

  private async tickInBackground(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = this.tick();
    try {
      await this.inFlight;
    } catch (error) {
      this.logger.error(`timer tick failed, the due timers stay open for the next tick: ${String(error)}`, (error as Error).stack);
    } finally {
      this.inFlight = null;
    }
  }

  private fireBatch(batchSize: number): Promise<number> {
    return this.em.fork().transactional(async (em) => {
      const now = this.clock.now();
      const due = await em.execute<DueTimer[]>(
        `select id, subject_type, subject_id, kind, event_type, (extract(epoch from due_at) * 1000)::float8 as due_ms, payload from timers
         where fired_at is null and due_at <= ?::timestamptz order by due_at limit ? for update skip locked`,
        [now.toISOString(), batchSize],
      );
      if (due.length === 0) return 0;
      for (const timer of due) {
        em.create(OutboxEventSchema, {
          id: randomUUID(),
          type: timer.event_type,
          aggregateType: timer.subject_type,
          aggregateId: timer.subject_id,
          payload: { ...timer.payload, timer: { kind: timer.kind, dueAt: new Date(timer.due_ms).toISOString() } },
          occurredAt: now,
        });
      }
      await em.execute(`update timers set fired_at = ?::timestamptz, updated_at = ?::timestamptz where id in (${due.map(() => '?').join(', ')})`, [
        now.toISOString(),
        now.toISOString(),
        ...due.map((timer) => timer.id),
      ]);
      return due.length;
    });
  }
}
