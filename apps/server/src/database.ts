import { startEmbeddedCluster } from '@escala/db-tools';
import pg from 'pg';
import type { ServerConfig } from './config.js';

export interface Database {
  url: string;
  /** Where the data lives, for the start-up banner. */
  description: string;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'escala';

/** The external PostgreSQL named by DATABASE_URL, or an embedded one kept under ESCALA_DATA_DIR. */
export async function openDatabase(config: ServerConfig): Promise<Database> {
  if (config.DATABASE_URL) {
    const host = new URL(config.DATABASE_URL).host;
    return { url: config.DATABASE_URL, description: `external PostgreSQL at ${host}`, close: async () => undefined };
  }
  const cluster = await startEmbeddedCluster({ dataDir: config.ESCALA_DATA_DIR, port: config.ESCALA_DB_PORT });
  try {
    await ensureDatabase(cluster.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return {
    url: cluster.urlFor(EMBEDDED_DATABASE),
    description: `embedded PostgreSQL, data in ${config.ESCALA_DATA_DIR}`,
    close: () => cluster.stop(),
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}
