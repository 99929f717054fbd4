import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedCluster } from '@escala/db-tools';

export const say = (line: string) => process.stdout.write(`${line}\n`);

export async function json(url: string, method: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed as Record<string, any>;
}

export interface BenchDatabase {
  /** A freshly created, empty database. */
  url: string;
  close(): Promise<void>;
}

/**
 * BENCH_DATABASE_URL (a server URL whose user may create databases), or an embedded PostgreSQL
 * with default settings (plus `settings`) in a temp folder; `name` is dropped and created empty.
 */
export async function benchDatabase(name: string, settings: string[] = []): Promise<BenchDatabase> {
  const dataDir = process.env.BENCH_DATABASE_URL ? null : await mkdtemp(join(tmpdir(), 'escala-bench-'));
  const cluster = dataDir ? await startEmbeddedCluster({ dataDir, settings }) : null;
  const serverUrl = process.env.BENCH_DATABASE_URL ?? cluster!.adminUrl;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async close() {
      await cluster?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Latency percentiles in milliseconds. */
export function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Knex-style `?` placeholders (as the core writes its SQL) to pg's `$n`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Runs a bench's main and exits explicitly: fetch's keep-alive sockets would otherwise keep the process waiting. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

/** `BENCH_QUICK=1` (`npm run bench:quick`, `bench:queue:quick`): smaller tables and shorter steps for a quick check. */
export const QUICK = process.env.BENCH_QUICK === '1';

/** A numeric setting from the environment, with its full-run and quick-run defaults. */
export function setting(name: string, full: number, quick: number): number {
  return Number(process.env[name] ?? (QUICK ? quick : full));
}

/** The machine's 1-minute load average: figures taken on a busy machine say so beside them. */
export function machineLoad(): string {
  return `load ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`;
}

/**
 * CPU time the whole machine has spent busy (all cores, every process), in ms: over a step it is
 * less noisy than a rate, since a busy neighbour shows as load rather than as a slower server.
 */
export function machineCpuMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq] = ticks.map(Number);
  // USER_HZ is 100 on Linux: one tick is 10 ms.
  return (user! + nice! + system! + irq! + softirq!) * 10;
}

/** Prints a target's verdict in one greppable line. */
export function verdict(target: string, met: boolean, measured: string): void {
  say(`Target: ${target} — ${met ? 'met' : 'NOT met'} (${measured}; ${machineLoad()})`);
}
