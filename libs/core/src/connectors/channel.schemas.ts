import { z } from 'zod';

const eventType = z
  .string()
  .regex(
    /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/,
    'an event type like ticket.urgent, a prefix like sla.*, or *',
  );
const facetValues = z.array(z.string().trim().min(1).max(60)).max(50).default([]);

export const SubscriptionBody = z.strictObject({
  eventTypes: z.array(eventType).min(1).max(50),
  tiers: facetValues,
  stages: facetValues,
  units: facetValues,
  tags: facetValues,
  categories: facetValues,
});

const name = z.string().trim().min(1).max(100);
const config = z.record(z.string(), z.unknown());

export const CreateChannelBody = z.strictObject({
  connector: z.string().min(1).max(60),
  name,
  config,
  subscription: SubscriptionBody,
  enabled: z.boolean().default(true),
});

export const UpdateChannelBody = z
  .strictObject({
    name: name.optional(),
    /** The whole config; a secret sent as the mask (or left out) keeps its stored value. */
    config: config.optional(),
    subscription: SubscriptionBody.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const DeliveryLogQuery = z.strictObject({
  status: z.enum(['pending', 'delivering', 'retrying', 'delivered', 'dead']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const InboundLogQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export type CreateChannelInput = z.infer<typeof CreateChannelBody>;
export type UpdateChannelInput = z.infer<typeof UpdateChannelBody>;
export type DeliveryLogQueryInput = z.infer<typeof DeliveryLogQuery>;
