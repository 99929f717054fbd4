import { EVENT_CATALOGUE, type EventPayload, type EventType } from './events/event-catalogue.js';

interface EventEnvelope {
  id: string;
  aggregateType: string;
  aggregateId: string;
  occurredAt: string;
}

/**
 * A domain event as a connector receives it: a copy of one outbox row, typed by the catalogue.
 * Narrow on `type` to read its payload; a `*` subscriber receives the whole union.
 */
export type ConnectorEvent<T extends EventType = EventType> = {
  [K in T]: EventEnvelope & { type: K; payload: EventPayload<K> };
}[T];

/** Raised by the platform when a delivery exhausted its attempts; channels may subscribe to it. */
export const DELIVERY_DEAD_LETTERED = 'connector.delivery_dead_lettered' satisfies EventType;

/**
 * Checks an event against the catalogue; throws a zod error naming the path that does not match.
 * For plugins that receive events from elsewhere (a queue, a replay), and for the core's tests.
 */
export function parseConnectorEvent(event: EventEnvelope & { type: string; payload: unknown }): ConnectorEvent {
  const schema = (EVENT_CATALOGUE as Record<string, (typeof EVENT_CATALOGUE)[EventType] | undefined>)[event.type];
  if (!schema) throw new Error(`"${event.type}" is not an event type of the catalogue`);
  return { ...event, payload: schema.parse(event.payload) } as ConnectorEvent;
}
