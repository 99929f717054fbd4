import type pg from 'pg';

/** The server settings that let `statementStats` count every statement a run sends (the bench's own cluster). */
export const STATEMENT_STATS_SETTINGS = ['shared_preload_libraries=pg_stat_statements'];

export interface StatementStats {
  /** Statements sent by clients (BEGIN and COMMIT included): each one is a round trip. */
  calls: number;
  /** PostgreSQL's own execution time of those statements, in milliseconds. */
  executionMs: number;
  /** The statements sent most often, with their calls and execution time. */
  top: Array<{ calls: number; executionMs: number; query: string }>;
}

/**
 * pg_stat_statements of the connected database: `reset` before the measured step, `read` after it.
 * Null when the server has not loaded the extension (a BENCH_DATABASE_URL server may not have).
 */
export async function statementStats(database: pg.Client) {
  try {
    await database.query('create extension if not exists pg_stat_statements');
    await database.query('select pg_stat_statements_reset()');
  } catch {
    return null;
  }
  return {
    async read(limit: number): Promise<StatementStats> {
      const { rows } = await database.query<{ calls: string; ms: number; query: string }>(
        `select calls, total_exec_time as ms, query from pg_stat_statements
          where dbid = (select oid from pg_database where datname = current_database())
            and query not like '%pg_stat_statements%' and query not like '%channel_poll_states set next_poll_at%'
          order by calls desc, total_exec_time desc`,
      );
      return {
        calls: rows.reduce((sum, row) => sum + Number(row.calls), 0),
        executionMs: rows.reduce((sum, row) => sum + row.ms, 0),
        top: rows.slice(0, limit).map((row) => ({
          calls: Number(row.calls),
          executionMs: row.ms,
          query: row.query.replace(/\s+/g, ' ').slice(0, 140),
        })),
      };
    },
  };
}
