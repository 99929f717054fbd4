import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const DELIVERY_STATUSES = ['pending', 'delivering', 'retrying', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The state of one outbox event towards one channel. The job queue only wakes workers; this row is the truth. */
export const ChannelDeliverySchema = defineEntity({
  name: 'ChannelDelivery',
  tableName: 'channel_deliveries',
  properties: {
    id: p.uuid().primary(),
    eventId: p.uuid(),
    channelId: p.uuid(),
    idempotencyKey: p.string().unique(),
    status: p.enum(DELIVERY_STATUSES),
    attempts: p.integer(),
    nextAttemptAt: p.datetime().nullable(),
    leaseUntil: p.datetime().nullable(),
    lastErrorKind: p.string().nullable(),
    lastError: p.text().nullable(),
    externalId: p.string().nullable(),
    createdAt: p.datetime(),
    deliveredAt: p.datetime().nullable(),
  },
});

export type ChannelDelivery = InferEntity<typeof ChannelDeliverySchema>;

/** One try of a delivery, for the delivery log. No outcome means the worker died during the try. */
export const DeliveryAttemptSchema = defineEntity({
  name: 'DeliveryAttempt',
  tableName: 'channel_delivery_attempts',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    deliveryId: p.uuid(),
    attempt: p.integer(),
    startedAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    outcome: p.string().nullable(),
    error: p.text().nullable(),
    retryAfterMs: p.integer().nullable(),
  },
});

export type DeliveryAttempt = InferEntity<typeof DeliveryAttemptSchema>;
