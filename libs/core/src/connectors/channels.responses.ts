import { z } from 'zod';
import { Instant } from '../tickets/ticket.responses.js';

/** A JSON Schema as the connector declares its config; the console builds its form from it. */
const JsonSchemaObject = z.record(z.string(), z.unknown());

export const ConnectorsResponse = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      displayName: z.string(),
      contractVersion: z.number().int(),
      consumes: z.array(z.string()),
      produces: z.object({ poll: z.boolean(), webhook: z.boolean() }),
      /** Steps an admin runs on a channel (`POST /channels/{id}/actions/{name}`), e.g. Teams' device-code sign-in. */
      actions: z.array(z.object({ name: z.string(), description: z.string() })),
      secretFields: z.array(z.string()),
      configSchema: JsonSchemaObject,
    }),
  ),
});

export const ChannelResponse = z.object({
  id: z.uuid(),
  connector: z.string(),
  connectorInstalled: z.boolean(),
  name: z.string(),
  /** Secret values come back masked. */
  config: z.record(z.string(), z.unknown()),
  subscription: z.object({
    eventTypes: z.array(z.string()),
    tiers: z.array(z.string()),
    stages: z.array(z.string()),
    units: z.array(z.string()).optional(),
    tags: z.array(z.string()),
    categories: z.array(z.string()),
  }),
  enabled: z.boolean(),
  health: z.object({ status: z.string(), detail: z.string().nullable(), checkedAt: Instant.nullable() }),
  createdAt: Instant,
  updatedAt: Instant,
});

export const ChannelsResponse = z.object({ items: z.array(ChannelResponse) });

export const HealthResponse = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  detail: z.string().optional(),
});

/** One delivery with its attempts, as the delivery log's SQL selects it. */
export const DeliveryRecord = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  eventType: z.string(),
  channelId: z.uuid(),
  channelName: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: Instant.nullable(),
  lastErrorKind: z.string().nullable(),
  lastError: z.string().nullable(),
  externalId: z.string().nullable(),
  createdAt: Instant,
  deliveredAt: Instant.nullable(),
  attemptLog: z.array(
    z.object({
      attempt: z.number().int(),
      startedAt: Instant,
      finishedAt: Instant.nullable(),
      outcome: z.string(),
      error: z.string().nullable(),
      retryAfterMs: z.number().nullable(),
    }),
  ),
});

export const DeliveriesResponse = z.object({ items: z.array(DeliveryRecord) });
