import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** What a statement needs of the `pg` pool behind the ORM. */
interface NativePool {
  query<T>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
}

// Bounded: a statement's text depends only on the shape of the write (which columns, how many rows).
const MAX_NAMES = 1_000;
const names = new Map<string, { name: string; text: string }>();

/** `?` placeholders as `$1…$n`, outside quoted literals (the statements we build have no `?` operator). */
function numbered(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    out += char === '?' && !quoted ? `$${++n}` : char;
  }
  return out;
}

function prepared(sql: string): { name: string; text: string } {
  let found = names.get(sql);
  if (!found) {
    if (names.size >= MAX_NAMES) names.delete(names.keys().next().value as string);
    found = { name: `escala_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`, text: numbered(sql) };
    names.set(sql, found);
  }
  return found;
}

/**
 * Runs `sql` (`?` placeholders, `values` as the database takes them). Outside a transaction it is a
 * named prepared statement of the pooled connection, so PostgreSQL plans it once per connection:
 * for the request path's big one-statement writes (a creation, a take) planning cost as much as
 * running them, on every call. Inside a transaction it joins it through the entity manager (which
 * sends it with the values written in).
 */
export async function executePrepared<T>(em: EntityManager, sql: string, values: readonly unknown[]): Promise<T[]> {
  if (em.isInTransaction()) return em.execute<T[]>(sql, [...values]);
  const pool = (await em.getConnection().getNativeClient()) as NativePool;
  try {
    return (await pool.query<T>({ ...prepared(sql), values: [...values] })).rows;
  } catch (error) {
    // The same exceptions as through the entity manager (a foreign key violation stays one).
    throw error instanceof Error ? em.getDriver().convertException(error) : error;
  }
}
