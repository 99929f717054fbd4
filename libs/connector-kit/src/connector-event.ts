/**
 * A domain event as a connector receives it: a copy of one outbox row. Filterable facets (tier,
 * stage, tags, category) are read from the top level of `payload` when the event carries them.
 */
export interface ConnectorEvent {
  id: string;
  /** Dotted name, e.g. `ticket.urgent`, `sla.warning`. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** Raised by the platform when a delivery exhausted its attempts; channels may subscribe to it. */
export const DELIVERY_DEAD_LETTERED = 'connector.delivery_dead_lettered';
