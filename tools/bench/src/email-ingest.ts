import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { freePort } from '@escala/db-tools';
import { startDovecot, startSmtpCapture } from '@escala/emulators';
import { benchDatabase, json, machineLoad, runMain, say, setting, verdict } from './bench-setup.js';
import { startEscala } from './processes.js';
import { sameWorkBaseline } from './email-baseline.js';
import { STATEMENT_STATS_SETTINGS, statementStats } from './statement-stats.js';
import { writtenRows } from './written-rows.js';

/**
 * `npm run bench:email`: ingest throughput of the e-mail channel (messages parsed, threaded and
 * committed per second, through the real server and its poll) for BENCH_EMAIL_MESSAGES (default
 * 1 000) messages appended to a real Dovecot, beside two baselines of the same messages in the
 * same run: imapflow's bare fetch (the target: ingest ≥ 50 % of it), and a bare program
 * doing the same work — fetch, parse, and the same rows written in one statement per message
 * (`email-baseline.ts`).
 */
const MESSAGES = setting('BENCH_EMAIL_MESSAGES', 1000, 200);
const SENDERS = 100;
const ADMIN_PASSWORD = 'bench-admin-password';
const MAIL_USER = { user: 'suporte', password: 'bench-mail-password' };

/** The tables intake writes: their rows are counted around each run, so the baselines' work can be compared. */
const WRITTEN = [
  'tickets',
  'ticket_entries',
  'audit_records',
  'outbox_events',
  'queue_entries',
  'ticket_clock_events',
  'timers',
  'ticket_external_references',
  'channel_inbound_changes',
] as const;

async function rowCounts(database: pg.Client): Promise<Record<string, number>> {
  const totals = await writtenRows(database, WRITTEN);
  return Object.fromEntries(WRITTEN.map((table) => [table, totals[table].rows]));
}

/** Seven in ten open a conversation; the rest answer an earlier one, as a support inbox sees. */
function message(i: number): string {
  const reply = i % 10 >= 7 && i >= 10;
  const opening = reply ? i - (i % 10) : i;
  return [
    `From: Cliente ${i % SENDERS} <cliente-${i % SENDERS}@padaria.com.br>`,
    'To: suporte@escala.test',
    `Subject: ${reply ? 'RES: ' : ''}Nota fiscal ${opening} rejeitada pela SEFAZ`,
    `Message-ID: <bench-${i}@padaria.com.br>`,
    ...(reply
      ? [`In-Reply-To: <bench-${opening}@padaria.com.br>`, `References: <bench-${opening}@padaria.com.br>`]
      : []),
    'Date: Thu, 03 Dec 2026 09:00:00 -0300',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    `Bom dia, a emiss=C3=A3o da nota ${opening} falhou com o c=C3=B3digo 539 (mensagem ${i}).`,
    '',
    '> Em qua., escreveu:',
    '> texto anterior',
    '',
  ].join('\r\n');
}

async function main(): Promise<void> {
  const db = await benchDatabase('escala_bench_email', STATEMENT_STATS_SETTINGS);
  const dataDir = await mkdtemp(join(tmpdir(), 'escala-bench-data-'));
  const [dovecot, smtp] = await Promise.all([startDovecot({ users: [MAIL_USER] }), startSmtpCapture()]);
  const escala = await startEscala(db.url, await freePort(), ADMIN_PASSWORD, dataDir);
  try {
    await dovecot.createMailbox(MAIL_USER.user, 'Sent');
    let lastUid = 0;
    for (let i = 0; i < MESSAGES; i += 1) lastUid = (await dovecot.append(MAIL_USER.user, 'INBOX', message(i))).uid;

    // The bare rate: imapflow fetching every message's source, nothing else.
    const client = new ImapFlow({ ...dovecot.imapOptions(MAIL_USER.user), logger: false });
    await client.connect();
    const fetchStart = performance.now();
    let fetched = 0;
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      for await (const item of client.fetch('1:*', { uid: true, source: true })) if (item.source) fetched += 1;
    } finally {
      lock.release();
    }
    const fetchSeconds = (performance.now() - fetchStart) / 1000;
    await client.logout();

    const { token } = await json(`${escala.url}/auth/login`, 'POST', { login: 'admin', password: ADMIN_PASSWORD });
    await json(`${escala.url}/support-structure/versions`, 'POST', { preset: 'n1-n5' }, token);
    await json(
      `${escala.url}/customers`,
      'POST',
      {
        name: 'Padaria Pão Quente',
        contacts: Array.from({ length: SENDERS }, (_, i) => ({
          name: `Cliente ${i}`,
          email: `cliente-${i}@padaria.com.br`,
        })),
      },
      token,
    );
    const database = new pg.Client({ connectionString: db.url });
    await database.connect();
    // A failed run stops the cluster under this client: the failure is what must be printed, not the disconnect.
    database.on('error', () => undefined);
    const statements = await statementStats(database);
    const before = await rowCounts(database);
    const ingestStart = performance.now();
    const channel = await json(
      `${escala.url}/channels`,
      'POST',
      {
        connector: 'email',
        name: 'Caixa de suporte',
        subscription: { eventTypes: ['ticket.reply_sent'] },
        config: {
          address: 'suporte@escala.test',
          imapHost: '127.0.0.1',
          imapPort: dovecot.port,
          imapSecure: false,
          smtpHost: '127.0.0.1',
          smtpPort: smtp.port,
          smtpIgnoreTls: true,
          username: MAIL_USER.user,
          password: MAIL_USER.password,
          messageIdDomain: 'escala.test',
          signingKey: 'chave-de-assinatura-dos-message-ids-do-bench',
          category: 'financeiro',
          senderLimitPerHour: 10_000,
          batchSize: 1000,
        },
      },
      token,
    );
    for (;;) {
      // A new channel's first poll is due at once; it is made due again if it waits for its interval.
      const { rows } = await database.query<{ cursor: string | null; last_error: string | null }>(
        `update channel_poll_states set next_poll_at = least(next_poll_at, now()) where channel_id = $1 returning cursor, last_error`,
        [channel.id],
      );
      if (rows[0]?.last_error) throw new Error(`the poll failed: ${rows[0].last_error}`);
      if (rows[0]?.cursor && JSON.parse(rows[0].cursor).lastUid >= lastUid) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ingestSeconds = (performance.now() - ingestStart) / 1000;
    const sent = await statements?.read(25);
    const afterIngest = await rowCounts(database);
    // The server's background work (outbox deliveries of the new events) must not run into the baseline's time.
    await escala.stop();

    const [setup] = (
      await database.query<{ unit_key: string; structure_version: number }>(
        `select unit_key, structure_version from tickets limit 1`,
      )
    ).rows;
    const contacts = await database.query<{ email: string; customer_id: string; id: string }>(
      `select email, customer_id, id from customer_contacts`,
    );
    const tickets = afterIngest.tickets! - before.tickets!;
    const baselineStart = performance.now();
    await sameWorkBaseline(
      dovecot.imapOptions(MAIL_USER.user),
      db.url,
      {
        channelId: channel.id,
        unitKey: setup!.unit_key,
        structureVersion: setup!.structure_version,
        contacts: new Map(
          contacts.rows.map((row) => [row.email.toLowerCase(), { customerId: row.customer_id, contactId: row.id }]),
        ),
      },
      Math.round((afterIngest.timers! - before.timers!) / Math.max(1, tickets)),
    );
    const baselineSeconds = (performance.now() - baselineStart) / 1000;
    const afterBaseline = await rowCounts(database);
    await database.end();

    const fetchRate = fetched / fetchSeconds;
    const ingestRate = MESSAGES / ingestSeconds;
    const baselineRate = MESSAGES / baselineSeconds;
    say(`E-mail ingest, ${MESSAGES} messages in a real Dovecot (${tickets} tickets); ${machineLoad()}`);
    say('| step | seconds | messages/s |');
    say('| --- | --- | --- |');
    say(`| raw IMAP fetch (imapflow) | ${fetchSeconds.toFixed(2)} | ${fetchRate.toFixed(0)} |`);
    say(
      `| same-work baseline (fetch, parse, same rows in one statement a message) | ${baselineSeconds.toFixed(2)} | ${baselineRate.toFixed(0)} |`,
    );
    say(`| Escala ingest (fetch, parse, thread, commit) | ${ingestSeconds.toFixed(2)} | ${ingestRate.toFixed(0)} |`);
    say('Rows written per message:');
    say('| table | Escala | same-work baseline |');
    say('| --- | ---: | ---: |');
    for (const table of WRITTEN) {
      const escala = (afterIngest[table]! - before[table]!) / MESSAGES;
      const baseline = (afterBaseline[table]! - afterIngest[table]!) / MESSAGES;
      say(`| ${table} | ${escala.toFixed(2)} | ${baseline.toFixed(2)} |`);
    }
    if (sent) {
      say(
        `Statements Escala sent to PostgreSQL during ingest: ${sent.calls} (${(sent.calls / MESSAGES).toFixed(1)} a message, ` +
          `the summary trigger's own included), ${sent.executionMs.toFixed(0)} ms executing (${(sent.executionMs / MESSAGES).toFixed(2)} ms a message)`,
      );
      say('| calls | ms executing | statement |');
      say('| ---: | ---: | --- |');
      for (const row of sent.top) say(`| ${row.calls} | ${row.executionMs.toFixed(0)} | \`${row.query}\` |`);
    }
    const ofFetch = ingestRate / fetchRate;
    const ofSameWork = ingestRate / baselineRate;
    verdict('ingest ≥ 50 % of the raw IMAP fetch rate', ofFetch >= 0.5, `${(ofFetch * 100).toFixed(1)} %`);
    verdict(
      'ingest ≥ 50 % of the same-work baseline (proposed yardstick)',
      ofSameWork >= 0.5,
      `${(ofSameWork * 100).toFixed(1)} %`,
    );
  } finally {
    await escala.stop();
    await Promise.all([smtp.stop(), dovecot.stop()]);
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runMain(main);
