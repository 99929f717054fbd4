import pg from 'pg';
import type { TestApp } from './test-app.js';

/** Reads the test app's database directly, to check what was (or was not) written. */
export async function sql<T = Record<string, unknown>>(t: TestApp, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
