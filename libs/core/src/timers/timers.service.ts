import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Clock } from '../clock/clock.service.js';
import type { CombinedWrite } from '../persistence/combined-write.js';
import { TimerSchema, type Timer } from '../persistence/entities/index.js';
import type { TimerSpec, TimerSubject } from './timer-spec.js';

const UPSERT_OPEN_TIMER = `
  insert into timers (id, subject_type, subject_id, kind, event_type, due_at, payload, fired_at, created_at, updated_at)
  values (?, ?, ?, ?, ?, ?::timestamptz, ?::jsonb, null, ?::timestamptz, ?::timestamptz)
  on conflict (subject_type, subject_id, kind) where fired_at is null do update
    set event_type = excluded.event_type, due_at = excluded.due_at, payload = excluded.payload, updated_at = excluded.updated_at
    where (timers.event_type, timers.due_at, timers.payload) is distinct from (excluded.event_type, excluded.due_at, excluded.payload)`;

/**
 * One statement, one round trip per ticket change. Locking the subject's rows (`existing`) waits
 * for a tick firing one of them and then sees it fired; a kind that fired is neither armed again
 * nor counted as planned, so its open twin (if `schedule` re-armed one) is cancelled like the rest.
 */
const SYNC_TIMERS = `
  with planned as (
    select * from jsonb_to_recordset(?::jsonb) as p(kind text, event_type text, due_at timestamptz, payload jsonb)
  ), existing as (
    select kind, fired_at is not null as fired from timers where subject_type = ? and subject_id = ? and left(kind, ?) = ? for update
  ), kept as (
    select * from planned p where not exists (select 1 from existing e where e.kind = p.kind and e.fired)
  ), cancelled as (
    delete from timers where subject_type = ? and subject_id = ? and fired_at is null and left(kind, ?) = ? and kind not in (select kind from kept)
  )
  insert into timers (id, subject_type, subject_id, kind, event_type, due_at, payload, fired_at, created_at, updated_at)
  select gen_random_uuid(), ?, ?, kind, event_type, due_at, payload, null, ?::timestamptz, ?::timestamptz from kept
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
    await this.em.execute(
      `delete from timers where subject_type = ? and subject_id = ? and kind = ? and fired_at is null`,
      [subject.type, subject.id, kind],
    );
  }

  /**
   * Makes the subject's open timers whose kind starts with `prefix` exactly `planned`: arms new
   * ones, moves changed ones, cancels the rest. A kind that already fired is never armed again, so
   * recomputing deadlines after every change cannot announce one twice.
   */
  async sync(subject: TimerSubject, prefix: string, planned: readonly TimerSpec[]): Promise<void> {
    const stray = planned.find((timer) => !timer.kind.startsWith(prefix));
    if (stray) throw new Error(`timer kind "${stray.kind}" is outside the synced prefix "${prefix}"`);
    const now = this.clock.now().toISOString();
    const rows = planned.map((timer) => ({
      kind: timer.kind,
      event_type: timer.eventType,
      due_at: timer.dueAt.toISOString(),
      payload: timer.payload,
    }));
    const scope = [subject.type, subject.id, prefix.length, prefix];
    await this.em.execute(SYNC_TIMERS, [JSON.stringify(rows), ...scope, ...scope, subject.type, subject.id, now, now]);
  }

  /**
   * The first timers of a subject that has none yet (a ticket being created), as part of its combined
   * write; `payload` may rewrite each payload, e.g. to add the number assigned in that statement.
   */
  armNew(
    write: CombinedWrite,
    subject: TimerSubject,
    planned: readonly TimerSpec[],
    payload: (value: object) => unknown = (value) => value,
  ): void {
    const now = this.clock.now();
    write.insert(
      TimerSchema,
      planned.map((timer) => ({
        id: randomUUID(),
        subjectType: subject.type,
        subjectId: subject.id,
        kind: timer.kind,
        eventType: timer.eventType,
        dueAt: timer.dueAt,
        payload: payload(timer.payload),
        firedAt: null,
        createdAt: now,
        updatedAt: now,
      })),
    );
  }

  /** The subject's timers, open and fired, in due order. */
  timersOf(subject: TimerSubject): Promise<Timer[]> {
    return this.em.find(
      TimerSchema,
      { subjectType: subject.type, subjectId: subject.id },
      { orderBy: { dueAt: 'asc', kind: 'asc' } },
    );
  }
}
