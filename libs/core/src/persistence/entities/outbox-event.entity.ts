import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A domain event written in the same transaction as the state change that caused it; the
 * connector platform delivers it afterwards. `position` gives a total order for consumers.
 */
export const OutboxEventSchema = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox_events',
  properties: {
    id: p.uuid().primary(),
    position: p.bigint('string').generated('identity').nullable(),
    type: p.string(),
    aggregateType: p.string(),
    aggregateId: p.string(),
    payload: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
  },
});

export type OutboxEvent = InferEntity<typeof OutboxEventSchema>;
