import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock/clock.js';
import { TimerSchema, type Timer } from '../persistence/entities/index.js';
import type { TimerSpec, TimerSubject } from './timer-spec.js';

const UPSERT_OPEN_TIMER = `
  insert into timers (id, subject_type, subject_id, kind, event_type, due_at, payload, fired_at, created_at, updated_at)
  values (?, ?, ?, ?, ?, ?::timestamptz, ?::jsonb, null, ?::timestamptz, ?::timestamptz)
  on conflict (subject_type, subject_id, kind) where fired_at is null do update
    set event_type = excluded.event_type, due_at = excluded.due_at, payload = excluded.payload, updated_at = excluded.updated_at
    where (timers.event_type, timers.due_at, timers.payload) is distinct from (excluded.event_type, excluded.due_at, excluded.payload)`;

/**
 * Arms, moves and cancels durable timers. Every method runs in the caller's transaction when there
 * is one (`em.transactional`), so a deadline changes together with the state it derives from.
 */
@Injectable()
export class TimersService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** Arms the subject's open timer of this kind, or moves it. A kind that fired before is armed again. */
  async schedule(subject: TimerSubject, timer: TimerSpec): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.em.execute(UPSERT_OPEN_TIMER, [
      randomUUID(),
      subject.type,
      subject.id,
      timer.kind,
      timer.eventType,
      timer.dueAt.toISOString(),
      JSON.stringify(timer.payload),
      now,
      now,
    ]);
  }

  async cancel(subject: TimerSubject, kind: string): Promise<void> {
    await this.em.execute(`delete from timers where subject_type = ? and subject_id = ? and kind = ? and fired_at is null`, [subject.type, subject.id, kind]);
  }

  /**
   * Makes the subject's open timers whose kind starts with `prefix` exactly `planned`: arms new
   * ones, moves changed ones, cancels the rest. A kind that already fired is never armed again, so
   * recomputing deadlines after every change cannot announce one twice.
   */
  async sync(subject: TimerSubject, prefix: string, planned: readonly TimerSpec[]): Promise<void> {
    const stray = planned.find((timer) => !timer.kind.startsWith(prefix));
    if (stray) throw new Error(`timer kind "${stray.kind}" is outside the synced prefix "${prefix}"`);
    await this.em.transactional(async () => {
      // Locking the subject's rows waits for a tick firing one of them, then sees it fired.
      const existing = await this.em.execute<{ kind: string; fired: boolean }[]>(
        `select kind, fired_at is not null as fired from timers where subject_type = ? and subject_id = ? and left(kind, ?) = ? for update`,
        [subject.type, subject.id, prefix.length, prefix],
      );
      const fired = new Set(existing.filter((row) => row.fired).map((row) => row.kind));
      const kept = planned.filter((timer) => !fired.has(timer.kind));
      const keptKinds = kept.map((timer) => timer.kind);
      await this.em.execute(
        `delete from timers where subject_type = ? and subject_id = ? and fired_at is null and left(kind, ?) = ?` +
          (keptKinds.length ? ` and kind not in (${keptKinds.map(() => '?').join(', ')})` : ''),
        [subject.type, subject.id, prefix.length, prefix, ...keptKinds],
      );
      for (const timer of kept) await this.schedule(subject, timer);
    });
  }

  /** The subject's timers, open and fired, in due order. */
  timersOf(subject: TimerSubject): Promise<Timer[]> {
    return this.em.find(TimerSchema, { subjectType: subject.type, subjectId: subject.id }, { orderBy: { dueAt: 'asc', kind: 'asc' } });
  }
}
