import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import pg from 'pg';
import { claimNextSql, FIRE_DUE_TIMERS, ormConfig, TimerScheduler, TimersModule } from '@escala/core';
import { freePort } from '@escala/db-tools';
import {
  benchDatabase,
  json,
  machineCpuMs,
  machineLoad,
  numbered,
  percentiles,
  QUICK,
  runMain,
  say,
  setting,
  verdict,
} from './bench-setup.js';
import { generateTickets } from './bulk-tickets.js';
import { startClaimBaseline, startEscala } from './processes.js';

/**
 * `npm run bench:queue`: next-ticket claims by 32 concurrent agents on 1 M tickets through the API
 * beside the raw claim SQL run by `pg` (the issue's yardstick) and a same-work baseline (a bare
 * node:http + pg server doing the pending check's read and the take's rows in one statement:
 * claim-baseline-server.ts, the proposed yardstick), then the timers tick at 100 k and 1 M open timers with the
 * same number due, beside the raw tick SQL. Between them, a sustained run of next-ticket
 * (BENCH_SUSTAINED_SECONDS, default 300) with the claim rate per BENCH_WINDOW_SECONDS (default 30).
 * Settings: BENCH_SECONDS (default 10), BENCH_ROUNDS (alternated claim rounds, default 3), BENCH_TICKETS
 * (default 1000000), BENCH_DUE_TIMERS (default 1000), BENCH_DATABASE_URL as for `npm run bench`. BENCH_QUICK=1: 200 k tickets, 5 s after a 10 s warm-up, a 60 s
 * sustained run in 10 s windows, no timers part.
 */
const SECONDS = setting('BENCH_SECONDS', 10, 5);
const TICKETS = setting('BENCH_TICKETS', 1_000_000, 200_000);
const DUE = Number(process.env.BENCH_DUE_TIMERS ?? 1000);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 32);
const SUSTAINED_SECONDS = setting('BENCH_SUSTAINED_SECONDS', 300, 60);
const WINDOW_SECONDS = setting('BENCH_WINDOW_SECONDS', 30, 10);
const TIMER_TABLE_SIZES = [100_000, 1_000_000];
const ROUNDS = 5;
const CLAIM_ROUNDS = setting('BENCH_ROUNDS', 3, 3);
// As in `npm run bench`: V8 is still compiling the server during its first seconds of load.
const WARM_UP = setting('BENCH_WARMUP_SECONDS', 15, 10);
const ADMIN_PASSWORD = 'bench-admin-password';

interface Claims {
  claims: number;
  empty: number;
  failures: number;
  latencies: number[];
  /** When each claim finished, in ms from the start. */
  claimedAt: number[];
  /** The machine's CPU time over the loop (every process: the database, the server, this load). */
  cpuMs?: number;
}

/** A claim loop with the machine's CPU time it took. */
async function measured(loop: () => Promise<Claims>): Promise<Claims> {
  const before = machineCpuMs();
  const result = await loop();
  return { ...result, cpuMs: machineCpuMs() - before };
}

/** The round with the median claim count. */
function medianRound(rounds: Claims[]): Claims {
  return [...rounds].sort((a, b) => a.claims - b.claims)[Math.floor(rounds.length / 2)]!;
}

/** `POST /queue/next` of a server; whether it answered a ticket. */
async function nextThrough(url: string, headers: Record<string, string>): Promise<'claimed' | 'empty'> {
  const response = await fetch(url, { method: 'POST', headers });
  const body = (await response.json()) as { ticket: { id: string } | null };
  if (!response.ok) throw new Error(`${response.status}`);
  return body.ticket ? 'claimed' : 'empty';
}

/** The tickets these users hold are closed, as their desks would finish them. */
async function closeHeldTickets(client: pg.Client, holders: string[]): Promise<void> {
  await client.query(
    `update tickets set status = 'closed' where id in (select ticket_id from held_tickets where assignee_id = any ($1::uuid[]))`,
    [holders],
  );
}

/** `clients` loops claiming for `seconds`; each claim's latency and end are recorded. */
async function claimLoop(
  clients: number,
  claim: (client: number) => Promise<'claimed' | 'empty'>,
  seconds = SECONDS,
): Promise<Claims> {
  const result: Claims = { claims: 0, empty: 0, failures: 0, latencies: [], claimedAt: [] };
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          const outcome = await claim(client);
          const now = performance.now();
          result[outcome === 'claimed' ? 'claims' : 'empty'] += 1;
          result.latencies.push(now - started);
          if (outcome === 'claimed') result.claimedAt.push(now - start);
        } catch {
          result.failures += 1;
        }
      }
    }),
  );
  return result;
}

async function rawClaim(pool: pg.Pool, agentId: string): Promise<'claimed' | 'empty'> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ ticket_id: string }>(numbered(claimNextSql('opened-at')), ['N2']);
    const ticketId = rows[0]?.ticket_id;
    if (ticketId)
      await client.query('update tickets set assignee_id = $1, updated_at = now() where id = $2', [agentId, ticketId]);
    await client.query('commit');
    return ticketId ? 'claimed' : 'empty';
  } finally {
    client.release();
  }
}

function row(name: string, result: Claims): string {
  const { p50, p99 } = percentiles(result.latencies);
  const cpu = result.cpuMs === undefined ? '' : (result.cpuMs / Math.max(result.claims, 1)).toFixed(2);
  return `| ${name} | ${(result.claims / SECONDS).toFixed(0)} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${cpu} | ${result.empty} | ${result.failures} |`;
}

async function explain(client: pg.Client, sql: string, values: unknown[]): Promise<void> {
  await client.query('begin');
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, values);
  await client.query('rollback');
  for (const line of rows) say(`    ${line['QUERY PLAN']}`);
}

async function benchClaims(databaseUrl: string, client: pg.Client): Promise<void> {
  // Its own data folder, so the secret key it creates stays out of the working tree.
  const escalaDir = await mkdtemp(join(tmpdir(), 'escala-bench-server-'));
  const escala = await startEscala(databaseUrl, await freePort(), ADMIN_PASSWORD, escalaDir);
  try {
    const { token } = await json(`${escala.url}/auth/login`, 'POST', { login: 'admin', password: ADMIN_PASSWORD });
    const structure = await json(`${escala.url}/support-structure/versions`, 'POST', { preset: 'n1-n5' }, token);
    const customer = await json(
      `${escala.url}/customers`,
      'POST',
      { name: 'Contabilidade Bench', contacts: [{ name: 'Ana', email: 'ana@bench.com.br' }] },
      token,
    );
    // The baseline assigns to a user of its own, so the API agents' held tickets (read by the pending check) are only theirs.
    const baselineUser = await json(
      `${escala.url}/users`,
      'POST',
      { login: 'bench.baseline', displayName: 'Baseline', roles: ['agent'], password: 'bench-agent-password' },
      token,
    );
    const placeAgent = async (login: string, displayName: string, unitKey: string, channel: string) => {
      const user = await json(
        `${escala.url}/users`,
        'POST',
        { login, displayName, roles: ['agent'], password: 'bench-agent-password' },
        token,
      );
      await json(`${escala.url}/support-members/${user.id}`, 'PUT', { unitKey, channel }, token);
      return user.id as string;
    };
    // The same-work baseline's agents wait in a queue of their own (N3), as the raw claim's does (N2).
    const baselineAgents: string[] = [];
    for (let i = 0; i < AGENTS; i++)
      baselineAgents.push(await placeAgent(`bench.same${i}`, `Mesmo ${i}`, 'N3', 'phone'));
    const agents: { id: string; token: string }[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const id = await placeAgent(`bench.agent${i}`, `Agente ${i}`, 'N1', i % 2 ? 'phone' : 'web');
      const login = { login: `bench.agent${i}`, password: 'bench-agent-password' };
      agents.push({ id, token: (await json(`${escala.url}/auth/login`, 'POST', login)).token });
    }

    say(`Generating ${TICKETS.toLocaleString('en')} tickets…`);
    await generateTickets(client, TICKETS, customer.id, structure.version);
    await client.query(`insert into queue_entries (ticket_id, unit_key, opened_at, queued_at, skip_reason)
      select id, unit_key, created_at, created_at, case when 'URGENTE' = any (tags) then 'urgent' end from tickets where assignee_id is null and status not in ('resolved', 'closed')
      on conflict (ticket_id) do nothing`);
    await client.query('analyze queue_entries');
    const { rows: sizes } = await client.query<{ unit_key: string; count: string }>(
      `select unit_key, count(*) from queue_entries where unit_key in ('N1', 'N2', 'N3') group by unit_key order by unit_key`,
    );
    say(`  queue entries: ${sizes.map((s) => `${s.unit_key} ${Number(s.count).toLocaleString('en')}`).join(', ')}`);
    say('  plan of the claim (N1):');
    await explain(client, numbered(claimNextSql('opened-at')), ['N1']);

    const pool = new pg.Pool({ connectionString: databaseUrl, max: AGENTS });
    const sameWorkServer = await startClaimBaseline(databaseUrl, await freePort());
    const claimers: { name: string; claim: (i: number) => Promise<'claimed' | 'empty'> }[] = [
      { name: 'baseline: raw claim SQL + assign by pg (queue N2)', claim: () => rawClaim(pool, baselineUser.id) },
      {
        name: 'same-work baseline: node:http + pg, desk read + one statement (queue N3)',
        claim: (i) => nextThrough(`${sameWorkServer.url}/queue/next`, { 'x-agent': baselineAgents[i]! }),
      },
      {
        name: 'Escala: POST /queue/next (queue N1)',
        claim: (i) => nextThrough(`${escala.url}/queue/next`, { authorization: `Bearer ${agents[i]!.token}` }),
      },
    ];
    say(
      `\nNext-ticket claims, ${AGENTS} concurrent agents, ${CLAIM_ROUNDS} alternated rounds of ${SECONDS} s after a ${WARM_UP} s warm-up of each claimer; each agent's tickets are closed before every round`,
    );
    // Else each agent holds more with every claim (≈ 150 each after 15 s), and the pending check's
    // read, which a real desk pays for the tickets at hand (here up to ≈ 40 each), grows through the run.
    const holders = [baselineUser.id, ...baselineAgents, ...agents.map((a) => a.id)];
    const rounds: Claims[][] = claimers.map(() => []);
    try {
      // Each claimer works its own queue; the measured rounds follow from where its warm-up stopped.
      for (const { claim } of claimers) await claimLoop(AGENTS, claim, WARM_UP);
      for (let round = 0; round < CLAIM_ROUNDS; round++)
        for (const [i, { claim }] of claimers.entries()) {
          await closeHeldTickets(client, holders);
          rounds[i]!.push(await measured(() => claimLoop(AGENTS, claim)));
        }
    } finally {
      await sameWorkServer.stop();
      await pool.end();
    }
    const [baseline, sameWork, api] = rounds.map(medianRound) as [Claims, Claims, Claims];
    say(
      `  claims/s round by round — raw / same-work / Escala: ${rounds[0]!
        .map((_, r) => rounds.map((claimer) => (claimer[r]!.claims / SECONDS).toFixed(0)).join(' / '))
        .join(', ')}`,
    );
    say('| claim | claims/s | p50 ms | p99 ms | machine CPU ms per claim | empty | failures |');
    say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    claimers.forEach(({ name }, i) => say(row(name, [baseline, sameWork, api][i]!)));
    say(
      `  Escala p50 / baseline p50: ${(percentiles(api.latencies).p50 / percentiles(baseline.latencies).p50).toFixed(1)}×`,
    );
    const ratio = api.claims / baseline.claims;
    verdict(
      `next-ticket at ${AGENTS} agents ≥ 50 % of the raw SQL claim on ${TICKETS.toLocaleString('en')} tickets`,
      ratio >= 0.5,
      `${(ratio * 100).toFixed(0)} %`,
    );
    const sameWorkRatio = api.claims / sameWork.claims;
    verdict(
      `next-ticket at ${AGENTS} agents ≥ 50 % of the same-work baseline (proposed yardstick)`,
      sameWorkRatio >= 0.5,
      `${(sameWorkRatio * 100).toFixed(0)} %, p50 ${(percentiles(api.latencies).p50 / percentiles(sameWork.latencies).p50).toFixed(1)}× its p50`,
    );
    const next = claimers[2]!.claim;
    await sustained(databaseUrl, client, agents, next);
    const { rows: claimed } = await client.query<{ n: string; distinct: string }>(
      `select count(*) as n, count(distinct id) as distinct from tickets where assignee_id = any ($1::uuid[])`,
      [agents.map((a) => a.id)],
    );
    say(`  tickets assigned through the API: ${claimed[0]?.n} (distinct ${claimed[0]?.distinct})`);
  } finally {
    await escala.stop();
    await rm(escalaDir, { recursive: true, force: true });
  }
}

/**
 * Next-ticket for SUSTAINED_SECONDS: claims per window, and what autovacuum did to the queue table
 * meanwhile. Each agent closes what it took (a direct update, as working the ticket would end), so
 * the pending check reads the few tickets a real desk holds, not every ticket of the run.
 */
async function sustained(
  databaseUrl: string,
  client: pg.Client,
  agents: { id: string }[],
  next: (i: number) => Promise<'claimed' | 'empty'>,
): Promise<void> {
  say(`\nSustained next-ticket: ${AGENTS} agents for ${SUSTAINED_SECONDS} s, claims per ${WINDOW_SECONDS} s window`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // What might slow claims as the run goes on: dead queue entries (autovacuum's effect), dead
  // ticket versions (a take and a close each write one), and checkpoints (full-page writes after each).
  const stats = () =>
    client.query<
      Record<'dead' | 'live' | 'autovacuums' | 'index_kb' | 'tickets_dead' | 'checkpoints' | 'wal_mb', string>
    >(
      `select q.n_dead_tup as dead, q.n_live_tup as live, q.autovacuum_count as autovacuums,
         pg_indexes_size('queue_entries') / 1024 as index_kb, t.n_dead_tup as tickets_dead,
         (select num_timed + num_requested from pg_stat_checkpointer) as checkpoints,
         pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint / 1048576 as wal_mb
       from pg_stat_user_tables q, pg_stat_user_tables t where q.relname = 'queue_entries' and t.relname = 'tickets'`,
    );
  const samples: string[] = [];
  const sampler = setInterval(() => {
    void stats().then(({ rows: [s] }) =>
      samples.push(
        `  ${samples.length * WINDOW_SECONDS + WINDOW_SECONDS} s: queue_entries live ${s?.live}, dead ${s?.dead}, autovacuums ${s?.autovacuums}, index ${s?.index_kb} kB; tickets dead ${s?.tickets_dead}; checkpoints ${s?.checkpoints}, WAL ${s?.wal_mb} MB; ${machineLoad()}`,
      ),
    );
  }, WINDOW_SECONDS * 1000);
  const run = await claimLoop(
    AGENTS,
    async (i) => {
      const outcome = await next(i);
      await pool.query(
        `update tickets set status = 'closed' where id in (select ticket_id from held_tickets where assignee_id = $1)`,
        [agents[i]!.id],
      );
      return outcome;
    },
    SUSTAINED_SECONDS,
  );
  clearInterval(sampler);
  await pool.end();
  const windows = Array.from({ length: Math.floor(SUSTAINED_SECONDS / WINDOW_SECONDS) }, () => 0);
  for (const at of run.claimedAt) {
    const window = Math.floor(at / 1000 / WINDOW_SECONDS);
    if (window < windows.length) windows[window]! += 1;
  }
  say('| window | claims/s |');
  say('| ---: | ---: |');
  windows.forEach((claims, i) =>
    say(`| ${i * WINDOW_SECONDS}–${(i + 1) * WINDOW_SECONDS} s | ${(claims / WINDOW_SECONDS).toFixed(0)} |`),
  );
  for (const sample of samples) say(sample);
  say(`  empty claims ${run.empty}, failures ${run.failures}`);
  const first = windows[0]!;
  const last = windows.at(-1)!;
  verdict(
    'last window within 20 % of the first (no decay)',
    Math.abs(last - first) <= 0.2 * first,
    `first ${(first / WINDOW_SECONDS).toFixed(0)}/s, last ${(last / WINDOW_SECONDS).toFixed(0)}/s, ${((last / first) * 100).toFixed(0)} %`,
  );
}

async function benchTick(databaseUrl: string, client: pg.Client): Promise<void> {
  const context = await NestFactory.createApplicationContext(
    {
      module: class TickBench {},
      imports: [
        MikroOrmModule.forRoot(ormConfig({ databaseUrl, poolMax: 4 })),
        TimersModule.forRoot({ tickIntervalMs: 0 }),
      ],
    },
    { logger: false },
  );
  const scheduler = context.get(TimerScheduler);
  let batch = 0;
  const armDue = () =>
    client.query(
      `insert into timers (id, subject_type, subject_id, kind, event_type, due_at, payload, created_at, updated_at)
       select gen_random_uuid(), 'ticket', 'due-' || $1 || '-' || g, 'sla:bench:breached', 'sla.breached', now() - make_interval(secs => g), '{"unitKey":"N1"}', now(), now()
       from generate_series(1, $2) g`,
      [++batch, DUE],
    );
  const rawTick = async () => {
    for (;;) {
      const now = new Date().toISOString();
      const { rowCount } = await client.query(numbered(FIRE_DUE_TIMERS), [now, 500, now, now, now]);
      if ((rowCount ?? 0) < 500) return;
    }
  };
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  try {
    say(`\nTimers tick: ${DUE.toLocaleString('en')} due timers among many open ones (median of ${ROUNDS} rounds)`);
    say('| open timers | baseline: raw tick SQL by pg, ms | Escala TimerScheduler.tick(), ms | ratio |');
    say('| ---: | ---: | ---: | ---: |');
    for (const size of TIMER_TABLE_SIZES) {
      await client.query('truncate timers');
      await client.query(
        `insert into timers (id, subject_type, subject_id, kind, event_type, due_at, payload, created_at, updated_at)
         select gen_random_uuid(), 'ticket', 'open-' || g, 'sla:bench:breached', 'sla.breached', now() + interval '1 day' + make_interval(secs => g), '{}', now(), now()
         from generate_series(1, $1) g`,
        [size - DUE],
      );
      await client.query('vacuum analyze timers');
      const base: number[] = [];
      const escala: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await armDue();
        base.push(await timed(rawTick));
        await armDue();
        escala.push(await timed(() => scheduler.tick()));
      }
      const b = percentiles(base).p50;
      const e = percentiles(escala).p50;
      say(`| ${size.toLocaleString('en')} | ${b.toFixed(1)} | ${e.toFixed(1)} | ${(e / b).toFixed(2)} |`);
      await armDue();
      say(`  plan of the due-timers claim at ${size.toLocaleString('en')}:`);
      await explain(
        client,
        `select id from timers where fired_at is null and due_at <= now() order by due_at limit 500 for update skip locked`,
        [],
      );
      await rawTick();
    }
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const db = await benchDatabase('escala_bench_queue');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await benchClaims(db.url, client);
    if (!QUICK) await benchTick(db.url, client);
  } finally {
    await client.end().catch(() => undefined);
    await db.close();
  }
}

runMain(main);
