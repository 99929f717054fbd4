import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';
import { postgresBinaries, serverUser, type OsUser } from './postgres-binaries.js';

export interface EmbeddedClusterOptions {
  /** Folder that holds the cluster (`pg/`) and its credentials; created when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1; a free one is chosen when absent. */
  port?: number;
  /** Throwaway clusters for tests: fsync off, removed on stop. */
  ephemeral?: boolean;
  /** More server settings (`name=value`, passed as `-c`), e.g. a benchmark's `shared_preload_libraries`. */
  settings?: string[];
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

const run = promisify(execFile);
const READY_TIMEOUT_MS = 30_000;

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials = { user: 'escala', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function initialise(initdb: string, clusterDir: string, credentials: Credentials, user: OsUser | undefined) {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(clusterDir, '..', `.pwfile-${randomBytes(4).toString('hex')}`);
  await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  try {
    if (user) {
      await chown(clusterDir, user.uid, user.gid);
      await chown(passwordFile, user.uid, user.gid);
    }
    const args = [
      '-D',
      clusterDir,
      '-U',
      credentials.user,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-instructions',
    ];
    await run(initdb, args, { ...user, env: { ...process.env, LC_ALL: 'C' } });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** A server left running by a process that was killed: stop it so this start owns the folder. */
async function stopLeftover(pgCtl: string, clusterDir: string, user: OsUser | undefined) {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale file: PostgreSQL removes it itself
  }
  await run(pgCtl, ['stop', '-D', clusterDir, '-m', 'fast', '-w'], { ...user });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited during start-up:\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within 30 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Starts a real PostgreSQL from binaries shipped in npm packages, on 127.0.0.1 only. A persistent
 * cluster is initialised once and reused; it runs as a child process and is stopped with a fast
 * shutdown.
 */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
  const binaries = await postgresBinaries();
  const user = serverUser();
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as `postgres`, which must be able to reach its folder.
  if (user) await chmod(dataDir, 0o755);
  const credentials = await loadOrCreateCredentials(join(dataDir, 'db-credentials.json'));
  if (existsSync(join(clusterDir, 'PG_VERSION'))) {
    await stopLeftover(binaries.pg_ctl, clusterDir, user);
  } else {
    await initialise(binaries.initdb, clusterDir, credentials, user);
  }

  const port = options.port ?? (await freePort());
  const tuning = options.ephemeral
    ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300']
    : ['max_connections=200'];
  const settings = [
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    // Autovacuum visits the database every 10 s, not 60: a busy desk leaves thousands of dead
    // `queue_entries` a minute, and every claim walks past them until they are vacuumed.
    'autovacuum_naptime=10s',
    ...tuning,
    ...(options.settings ?? []),
  ].flatMap((s) => ['-c', s]);
  const server = spawn(binaries.postgres, ['-D', clusterDir, '-p', String(port), ...settings], {
    ...user,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
    // Ctrl-C in a terminal signals the whole process group: a persistent cluster kept in it would
    // shut down under the server while it closes (its connections then fail, logged as errors). Its
    // owner stops it after closing, and a leftover is stopped on the next start. A throwaway one
    // stays in the group, so an interrupted test run does not leave it behind.
    detached: !options.ephemeral,
  });
  let output = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((done) => server.once('exit', () => done()));

  const urlFor = (database: string): string =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
    await exited;
    if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(urlFor('postgres'), server, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { adminUrl: urlFor('postgres'), urlFor, stop };
}
