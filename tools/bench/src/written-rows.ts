import type pg from 'pg';

/** Rows in a table and their size on disk as PostgreSQL stores them (`pg_column_size` of each whole row). */
export interface TableTotals {
  rows: number;
  bytes: number;
}

/**
 * Totals of each table, read before and after a step: the difference is what the step wrote, so a
 * baseline's work can be set beside Escala's table by table (a full scan each: for bench-sized tables).
 */
export async function writtenRows<T extends string>(
  database: pg.Client,
  tables: readonly T[],
): Promise<Record<T, TableTotals>> {
  const { rows } = await database.query<{ name: T; rows: string; bytes: string }>(
    tables
      .map(
        (table) =>
          `select '${table}' as name, count(*) as rows, coalesce(sum(pg_column_size(x.*)), 0) as bytes from ${table} x`,
      )
      .join(' union all '),
  );
  return Object.fromEntries(
    rows.map((row) => [row.name, { rows: Number(row.rows), bytes: Number(row.bytes) }]),
  ) as Record<T, TableTotals>;
}

/** `after` − `before`, table by table. */
export function rowsBetween<T extends string>(
  before: Record<T, TableTotals>,
  after: Record<T, TableTotals>,
): Record<T, TableTotals> {
  return Object.fromEntries(
    (Object.keys(after) as T[]).map((table) => [
      table,
      { rows: after[table].rows - before[table].rows, bytes: after[table].bytes - before[table].bytes },
    ]),
  ) as Record<T, TableTotals>;
}
