import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A durable deadline: at `dueAt` the scheduler tick writes an outbox event of `eventType` with
 * `payload` for the subject and sets `firedAt`. Open timers are unique per (subject, kind); fired
 * ones stay as the record that the deadline was announced.
 */
export const TimerSchema = defineEntity({
  name: 'Timer',
  tableName: 'timers',
  properties: {
    id: p.uuid().primary(),
    subjectType: p.string(),
    subjectId: p.string(),
    kind: p.string(),
    eventType: p.string(),
    dueAt: p.datetime(),
    payload: p.json<Record<string, unknown>>(),
    firedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type Timer = InferEntity<typeof TimerSchema>;
