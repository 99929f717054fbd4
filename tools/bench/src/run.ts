import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '@escala/db-tools';
import { benchDatabase, json, machineLoad, QUICK, runMain, say, setting, verdict } from './bench-setup.js';
import { generateTickets } from './bulk-tickets.js';
import { load, medianOf, timeGet, type LoadResult } from './load.js';
import { startBaseline, startEscala, type Running } from './processes.js';
import { rowsBetween, writtenRows, type TableTotals } from './written-rows.js';

/**
 * `npm run bench`: ticket intake through the HTTP API against two bare node:http + pg baselines in
 * the same run (the ticket row alone; the same rows an Escala creation writes), then list and
 * search timings on 1 M tickets. Settings: BENCH_SECONDS (per load
 * step, default 10), BENCH_TICKETS (default 1000000), BENCH_DATABASE_URL (a server URL whose user
 * may create databases; default: an embedded PostgreSQL with default settings in a temp folder).
 * BENCH_QUICK=1: 32 clients only, 5 s steps, no list/search part.
 */
const SECONDS = setting('BENCH_SECONDS', 10, 5);
/**
 * Load before the measured steps. The server's code is compiled by V8 while it runs: measured 3 Dec 2026, its
 * CPU per creation fell from 2.0 ms after 3 s of load to 1.0 ms after 15 s (the bare baselines have almost no
 * code to compile), so a short warm-up measured the compiler rather than the steady state a running server is in.
 */
const WARM_UP = setting('BENCH_WARMUP_SECONDS', 15, 15);
/**
 * Each step is run this many times, the three servers taking turns, and its figures are the rounds'
 * medians: on a shared machine a burst of other work then spoils one round, not the comparison.
 */
const ROUNDS = setting('BENCH_ROUNDS', 3, 3);
const TICKETS = setting('BENCH_TICKETS', 1_000_000, 0);
const CONNECTIONS = QUICK ? [32] : [1, 8, 32];
const SUMMARY_TRIGGER = 'outbox_events_ticket_summary';
const ADMIN_PASSWORD = 'bench-admin-password';
const DATABASE = 'escala_bench';
/** The tables a ticket creation writes: the same-work baseline must write in them what Escala does. */
const WRITTEN = [
  'tickets',
  'ticket_entries',
  'audit_records',
  'outbox_events',
  'queue_entries',
  'ticket_clock_events',
  'timers',
] as const;
type Written = Record<(typeof WRITTEN)[number], TableTotals>;

async function main(): Promise<void> {
  const db = await benchDatabase(DATABASE);
  const databaseUrl = db.url;
  const running: Running[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  try {
    say('Starting the Escala server and the baseline…');
    // Its own data folder, so the secret key it creates stays out of the working tree.
    const escalaDir = await mkdtemp(join(tmpdir(), 'escala-bench-server-'));
    cleanups.push(() => rm(escalaDir, { recursive: true, force: true }));
    const escala = await startEscala(databaseUrl, await freePort(), ADMIN_PASSWORD, escalaDir);
    running.push(escala);
    const { token, user } = await json(`${escala.url}/auth/login`, 'POST', {
      login: 'admin',
      password: ADMIN_PASSWORD,
    });
    const structure = await json(`${escala.url}/support-structure/versions`, 'POST', { preset: 'n1-n5' }, token);
    const customer = await json(
      `${escala.url}/customers`,
      'POST',
      { name: 'Contabilidade Bench', contacts: [{ name: 'Ana', email: 'ana@bench.com.br' }] },
      token,
    );
    const ticket = {
      customerId: customer.id,
      contactId: customer.contacts[0].id,
      channel: 'email',
      category: 'financeiro',
      subject: 'Boleto não gerado no financeiro',
      description: 'O cliente não consegue gerar o boleto do mês; prazo de entrega da SPED dia 15.',
      tags: ['URGENTE'],
    };
    const baseline = await startBaseline(databaseUrl, await freePort(), 'N4');
    running.push(baseline);
    const sameWork = await startBaseline(databaseUrl, await freePort(), 'N4', 'work', {
      id: user.id,
      label: user.login,
    });
    running.push(sameWork);

    say(
      `Ticket creation, ${ROUNDS} rounds of ${SECONDS} s per step after a ${WARM_UP} s warm-up of each server; ${machineLoad()}`,
    );
    for (const target of [baseline, sameWork, escala])
      await load(`${target.url}/tickets`, 32, WARM_UP, { body: ticket, token });
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    // What each server wrote during its measured steps, table by table.
    const written = { work: [] as Written[], escala: [] as Written[] };
    // The load stops sending at the step's end, but the requests in flight still finish: each count
    // waits for them, so a step's rows are not counted for the next one.
    const settled = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return writtenRows(sql, WRITTEN);
    };
    const counted = async (into: Written[], step: () => Promise<LoadResult>) => {
      const before = await settled();
      const result = await step();
      into.push(rowsBetween(before, await settled()));
      return result;
    };
    const rows: [LoadResult, LoadResult, LoadResult][] = [];
    for (const connections of CONNECTIONS) {
      const rounds: [LoadResult, LoadResult, LoadResult][] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const base = await load(`${baseline.url}/tickets`, connections, SECONDS, { body: ticket });
        const work = await counted(written.work, () =>
          load(`${sameWork.url}/tickets`, connections, SECONDS, { body: ticket }),
        );
        const api = await counted(written.escala, () =>
          load(`${escala.url}/tickets`, connections, SECONDS, { body: ticket, token }),
        );
        rounds.push([base, work, api]);
      }
      say(
        `  ${connections} clients, round by round — same-work baseline / Escala req/s: ${rounds
          .map(([, work, api]) => `${work.requestsPerSecond.toFixed(0)} / ${api.requestsPerSecond.toFixed(0)}`)
          .join(', ')}; ${machineLoad()}`,
      );
      rows.push(
        [0, 1, 2].map((i) => medianOf(rounds.map((round) => round[i]!))) as [LoadResult, LoadResult, LoadResult],
      );
    }
    const percent = (part: LoadResult, whole: LoadResult) =>
      `${((part.requestsPerSecond / whole.requestsPerSecond) * 100).toFixed(0)} %`;
    say(
      '| clients | baseline (ticket row) req/s | p99 ms | same-work baseline req/s | p99 ms | Escala API req/s | p50 ms | p99 ms | Escala / baseline | Escala / same work | failures |',
    );
    say('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [base, work, api] of rows) {
      say(
        `| ${api.connections} | ${base.requestsPerSecond.toFixed(0)} | ${base.p99Ms} | ${work.requestsPerSecond.toFixed(0)} | ${work.p99Ms} | ${api.requestsPerSecond.toFixed(0)} | ${api.p50Ms} | ${api.p99Ms} | ${percent(api, base)} | ${percent(api, work)} | ${base.failures + work.failures + api.failures} |`,
      );
    }
    const [base32, work32, api32] = rows.at(-1)!;
    const ratio32 = api32.requestsPerSecond / work32.requestsPerSecond;
    verdict('intake at 32 clients ≥ 80 % of the same-work baseline', ratio32 >= 0.8, `${(ratio32 * 100).toFixed(0)} %`);
    verdict(
      "intake p99 at 32 clients ≤ 2× the same-work baseline's",
      api32.p99Ms <= 2 * work32.p99Ms,
      `${api32.p99Ms} ms vs ${work32.p99Ms} ms, ${(api32.p99Ms / work32.p99Ms).toFixed(2)}×`,
    );
    say(`  (one-row baseline for scale: Escala at ${percent(api32, base32)} of it)`);
    printParity(written.escala, written.work);
    // The deferred trigger that adds the ticket summary to each ticket event at commit: the same
    // load without it, in the same run, is what it costs.
    await sql.query(`alter table outbox_events disable trigger ${SUMMARY_TRIGGER}`);
    const untriggered = await load(`${escala.url}/tickets`, 32, SECONDS, { body: ticket, token });
    await sql.query(`alter table outbox_events enable trigger ${SUMMARY_TRIGGER}`);
    await sql.end();
    say(
      `Ticket-summary trigger: Escala at 32 clients without it ${untriggered.requestsPerSecond.toFixed(0)} req/s (p99 ${untriggered.p99Ms} ms), with it ${api32.requestsPerSecond.toFixed(0)} req/s (p99 ${api32.p99Ms} ms): it costs ${((1 - api32.requestsPerSecond / untriggered.requestsPerSecond) * 100).toFixed(0)} % of throughput`,
    );
    // The cheapest authenticated route: what every request pays before any ticket work.
    const floor = await load(`${escala.url}/auth/me`, 32, SECONDS, { token });
    say(
      `For scale: GET /auth/me (token lookup only) at 32 clients: ${floor.requestsPerSecond.toFixed(0)} req/s, p99 ${floor.p99Ms} ms`,
    );
    await baseline.stop();
    await sameWork.stop();
    if (TICKETS === 0) return;

    say(`\nGenerating ${TICKETS.toLocaleString('en')} tickets…`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const started = performance.now();
    await client.query('truncate tickets cascade');
    await generateTickets(client, TICKETS, customer.id, structure.version);
    say(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await client.end();

    const queries: [string, string][] = [
      ['filtered list: status + tier', '/tickets?status=in_analysis&unitKey=N2&limit=50'],
      ['filtered list: tag + channel', '/tickets?tag=URGENTE&channel=phone&limit=50'],
      ['filtered list: date range', `/tickets?createdFrom=${new Date(Date.now() - 86_400_000).toISOString()}&limit=50`],
      ['full-text: "migracao"', '/tickets?q=migracao&limit=50'],
      ['full-text: "homologacao bancaria" + status', '/tickets?q=homologacao%20bancaria&status=new&limit=50'],
      ['full-text in entries: "prefeitura emissao"', '/tickets?q=prefeitura%20emissao&limit=50'],
      ['full-text, rare word: "protocolo 777777"', '/tickets?q=protocolo%20777777&limit=50'],
    ];
    say(
      `\n| query on ${TICKETS.toLocaleString('en')} tickets (through the API, 20 runs) | median ms | max ms | rows |`,
    );
    say('| --- | ---: | ---: | ---: |');
    for (const [name, path] of queries) {
      const timing = await timeGet(`${escala.url}${path}`, token, 20);
      say(`| ${name} | ${timing.medianMs.toFixed(1)} | ${timing.maxMs.toFixed(1)} | ${timing.count} |`);
    }
  } finally {
    for (const server of running.reverse()) await server.stop().catch(() => undefined);
    for (const cleanup of cleanups) await cleanup();
    await db.close();
  }
}

/**
 * Rows and bytes per created ticket in each table, Escala beside the same-work baseline: the ratio is
 * only honest if the baseline writes what Escala writes. Prints whether the rows per table match.
 */
function printParity(escala: Written[], work: Written[]): void {
  const total = (steps: Written[], table: keyof Written) =>
    steps.reduce((sum, step) => ({ rows: sum.rows + step[table].rows, bytes: sum.bytes + step[table].bytes }), {
      rows: 0,
      bytes: 0,
    });
  const perTicket = (steps: Written[], table: keyof Written) => {
    const tickets = Math.max(1, total(steps, 'tickets').rows);
    const { rows, bytes } = total(steps, table);
    return { rows: rows / tickets, bytesPerRow: rows ? bytes / rows : 0 };
  };
  say('Rows written per ticket, and their average size (bytes per row):');
  say('| table | Escala rows | bytes/row | same-work baseline rows | bytes/row |');
  say('| --- | ---: | ---: | ---: | ---: |');
  const differing: string[] = [];
  for (const table of WRITTEN) {
    const [ours, theirs] = [perTicket(escala, table), perTicket(work, table)];
    if (ours.rows.toFixed(2) !== theirs.rows.toFixed(2)) differing.push(table);
    say(
      `| ${table} | ${ours.rows.toFixed(2)} | ${ours.bytesPerRow.toFixed(0)} | ${theirs.rows.toFixed(2)} | ${theirs.bytesPerRow.toFixed(0)} |`,
    );
  }
  say(
    `Same work: the baseline wrote the same rows per table as Escala — ${differing.length ? `NO (${differing.join(', ')}): the ratio is not against the same work` : 'yes'}`,
  );
}

runMain(main);
