import type { EventType } from '@escala/connector-kit';

export type TimerEventType = Extract<EventType, `sla.${string}` | `third_party.${string}_due`>;

/** What a timer is about: the aggregate whose deadline it is. Becomes the outbox event's aggregate. */
export interface TimerSubject {
  type: string;
  id: string;
}

/** One deadline to keep. Structurally the domain's `PlannedTimer`, so SLA plans pass straight in. */
export interface TimerSpec {
  kind: string;
  dueAt: Date;
  /** Fired as this event type, its payload plus `timer` and, for a ticket, the ticket summary. */
  eventType: TimerEventType;
  payload: Record<string, unknown>;
}

export interface TimersModuleOptions {
  /** Milliseconds between scheduler ticks; 0 turns the automatic tick off (call `TimerScheduler.tick()`). */
  tickIntervalMs: number;
  /** Timers claimed per transaction. */
  batchSize?: number;
}

export const TIMERS_OPTIONS = Symbol('TIMERS_OPTIONS');
