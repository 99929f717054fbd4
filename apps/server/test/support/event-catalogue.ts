import { expect } from 'vitest';
import { parseConnectorEvent, type ConnectorEvent, type EventType } from '@escala/connector-kit';
import { TicketSummaries } from '@escala/core';
import { queryDatabase } from './outbox.js';
import type { TestApp } from './test-app.js';

/**
 * Every event the app wrote to its outbox, as a channel would receive it, each checked against its
 * declared schema in the kit's catalogue: a payload that does not match fails the test, naming the
 * event and the path.
 */
export async function catalogueEvents(t: TestApp): Promise<ConnectorEvent[]> {
  const rows = await queryDatabase<{
    id: string;
    type: string;
    aggregateType: string;
    aggregateId: string;
    occurredAt: Date;
    payload: Record<string, unknown>;
  }>(
    t.databaseUrl,
    `select id, type, aggregate_type as "aggregateType", aggregate_id as "aggregateId", occurred_at as "occurredAt", payload
       from outbox_events order by position`,
  );
  const summaries = t.app.get(TicketSummaries);
  return rows.map((row) => {
    const delivered = summaries.delivered({ ...row, occurredAt: row.occurredAt.toISOString() });
    try {
      return parseConnectorEvent(delivered);
    } catch (error) {
      throw new Error(`${row.type} ${JSON.stringify(row.payload)} does not match the catalogue: ${String(error)}`);
    }
  });
}

/** Checks every written event against the catalogue and that each of `types` was among them. */
export async function expectCatalogued(t: TestApp, types: readonly EventType[]): Promise<ConnectorEvent[]> {
  const events = await catalogueEvents(t);
  for (const type of types)
    expect(
      events.map((event) => event.type),
      `an event ${type} was written`,
    ).toContain(type);
  return events;
}
