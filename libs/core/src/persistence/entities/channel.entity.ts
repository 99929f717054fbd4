import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Which events a channel receives: a type list, narrowed by facets when given (empty = any). */
export interface ChannelSubscription {
  eventTypes: string[];
  tiers: string[];
  /** Stage numbers inside their tier (`2` for N1 stage 2). */
  stages: string[];
  /** Unit keys (`N1-E2`, `REL`). Absent on channels saved before units could be chosen. */
  units?: string[];
  tags: string[];
  categories: string[];
}

/**
 * One configured use of a connector: an inbox, a Teams target, a webhook URL. The config's secret
 * fields live only in `secretsCiphertext`, sealed with the server's secret key.
 */
export const ChannelSchema = defineEntity({
  name: 'Channel',
  tableName: 'channels',
  properties: {
    id: p.uuid().primary(),
    connectorKey: p.string(),
    name: p.string(),
    settings: p.json<Record<string, unknown>>(),
    secretsCiphertext: p.text().nullable().hidden().lazy(),
    subscription: p.json<ChannelSubscription>(),
    enabled: p.boolean(),
    healthStatus: p.enum(['healthy', 'degraded', 'unhealthy'] as const).nullable(),
    healthDetail: p.text().nullable(),
    healthCheckedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type Channel = InferEntity<typeof ChannelSchema>;
