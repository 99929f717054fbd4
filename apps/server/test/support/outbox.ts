import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventType } from '@escala/connector-kit';
import { SAMPLE_PAYLOADS } from '@escala/connector-kit/testing';

export interface WrittenEvent {
  id: string;
  type: string;
}

/**
 * Writes domain events into `outbox_events` the way the ticket services do (the contract between
 * them and the connector platform), in one transaction; a payload left out is the kit's sample of
 * that type, ticket summary included.
 */
export async function writeOutboxEvents(
  databaseUrl: string,
  events: Array<{ type: EventType; payload?: object }>,
): Promise<WrittenEvent[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    const written: WrittenEvent[] = [];
    for (const event of events) {
      const id = randomUUID();
      await client.query(
        `insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at) values ($1, $2, 'ticket', $3, $4, now())`,
        [id, event.type, randomUUID(), event.payload ?? SAMPLE_PAYLOADS[event.type]],
      );
      written.push({ id, type: event.type });
    }
    await client.query('commit');
    return written;
  } finally {
    await client.end();
  }
}

/** Runs one query against the test database (for checks a user could not make through the API). */
export async function queryDatabase<T extends pg.QueryResultRow>(
  databaseUrl: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Polls until `check` returns a value (not undefined/false), or fails naming what it waited for. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Settings that make delivery fast in tests: short backoffs and polls, a two-second lease. */
export const FAST_DELIVERY = {
  ESCALA_SCHEDULER_INTERVAL_MS: '50',
  ESCALA_QUEUE_POLL_SECONDS: '0.5',
  ESCALA_DELIVERY_BACKOFF_BASE_MS: '50',
  ESCALA_DELIVERY_BACKOFF_MAX_MS: '400',
  ESCALA_DELIVERY_MAX_ATTEMPTS: '8',
  ESCALA_DELIVERY_TIMEOUT_SECONDS: '2',
  ESCALA_LISTENER_BACKOFF_BASE_MS: '50',
  ESCALA_LISTENER_BACKOFF_MAX_MS: '400',
};
