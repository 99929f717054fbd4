import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DovecotServer, SmtpCapture } from '@escala/emulators';
import { eventually, FAST_DELIVERY, queryDatabase } from './support/outbox.js';
import { createEmailChannel, emailChannelConfig, MAIL_USER, pollUntil, startMailServers } from './support/mail-desk.js';
import { setUpTeam } from './support/support-team.js';
import { ADMIN_PASSWORD, startTestApp, TEST_SECRET_KEY, type TestApp } from './support/test-app.js';
import { buildServer, startServerProcess, type ServerProcess } from './support/worker-process.js';

const CONVERSATIONS = 30;
const REPLIES = 15;

interface BatchMail {
  messageId: string;
  /** The conversation it belongs to: the Message-ID of its first mail. */
  opening: string;
  marker: string;
  raw: string;
}

/** A batch as a busy morning brings it: new conversations, and customers answering some of them. */
function mailBatch(): BatchMail[] {
  const mail = (i: number, kind: 'new' | 'reply'): BatchMail => {
    const opening = `<crash-new-${i}@padaria.com.br>`;
    const messageId = kind === 'new' ? opening : `<crash-reply-${i}@padaria.com.br>`;
    const marker = `marca-${kind}-${i}`;
    const threading = kind === 'reply' ? [`In-Reply-To: ${opening}`, `References: ${opening}`] : [];
    const raw = [
      `From: Cliente ${i} <cliente-${i}@padaria.com.br>`,
      'To: suporte@escala.test',
      `Subject: ${kind === 'reply' ? 'RES: ' : ''}Nota fiscal ${i} não emitida`,
      `Message-ID: ${messageId}`,
      ...threading,
      'Date: Thu, 03 Dec 2026 09:00:00 -0300',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `Bom dia, a emissão da nota ${i} falhou de novo (${marker}).`,
      '',
    ].join('\r\n');
    return { messageId, opening, marker, raw };
  };
  const batch: BatchMail[] = [];
  for (let i = 1; i <= CONVERSATIONS; i++) {
    batch.push(mail(i, 'new'));
    // Each reply arrives a few mails after its opening, so both sides of the crash hold some.
    if (i > 3 && i - 3 <= REPLIES) batch.push(mail(i - 3, 'reply'));
  }
  return batch;
}

describe('crash: the server is SIGKILLed while it takes a batch of mails', () => {
  let t: TestApp;
  let dovecot: DovecotServer;
  let smtp: SmtpCapture;
  let worker: ServerProcess | undefined;
  let channelId: string;
  const sql = <T extends object>(text: string, params: unknown[] = []) =>
    queryDatabase<T & Record<string, unknown>>(t.databaseUrl, text, params);
  const workerEnv = () => ({
    ...FAST_DELIVERY,
    DATABASE_URL: t.databaseUrl,
    ESCALA_ROLES: 'scheduler,worker',
    ESCALA_SECRET_KEY: TEST_SECRET_KEY,
    ESCALA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  });

  // Compiling the server (tsc -b) on a busy 2-core machine can take well over a minute.
  beforeAll(async () => {
    [t, { dovecot, smtp }] = await Promise.all([
      startTestApp({ ...FAST_DELIVERY, ESCALA_ROLES: 'api' }),
      startMailServers(),
      buildServer(),
    ]);
    // The channel routes new tickets by its category, which the team's structure defines.
    const { admin } = await setUpTeam(t, 'n1-n5');
    // Every sender a contact of the customer: the acknowledgement goes to the ticket's contact.
    const customer = await t.request('POST', '/customers', {
      token: admin,
      body: {
        name: 'Padaria Pão Quente',
        contacts: Array.from({ length: CONVERSATIONS }, (_, i) => ({
          name: `Cliente ${i + 1}`,
          email: `cliente-${i + 1}@padaria.com.br`,
        })),
      },
    });
    expect(customer.status).toBe(201);
    channelId = await createEmailChannel(
      t,
      admin,
      emailChannelConfig(dovecot, smtp, { acknowledgeNewTickets: true, batchSize: 1000 }),
    );
  }, 240_000);
  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await t?.close();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it(
    'after a restart, every mail is on its ticket exactly once and no acknowledgement went out twice',
    { timeout: 120_000 },
    async () => {
      const batch = mailBatch();
      let lastUid = 0;
      for (const mail of batch) lastUid = (await dovecot.append(MAIL_USER.user, 'INBOX', mail.raw)).uid;

      worker = await startServerProcess(workerEnv());
      await eventually('the first tickets of the batch', async () => {
        await sql(
          `update channel_poll_states set next_poll_at = now() where channel_id = $1 and next_poll_at > now()`,
          [channelId],
        );
        const [row] = await sql<{ count: string }>(`select count(*) from tickets`);
        return Number(row!.count) >= 3;
      });
      worker.child.kill('SIGKILL');
      expect(await worker.exited).toBeNull();
      // The checkpoint is stored only after the whole batch: the kill cut the batch in the middle.
      const [before] = await sql<{ cursor: string | null; count: string }>(
        `select p.cursor, (select count(*) from ticket_external_references) as count
         from channel_poll_states p where p.channel_id = $1`,
        [channelId],
      );
      expect(before!.cursor ? JSON.parse(before!.cursor).lastUid : 0).toBeLessThan(lastUid);
      expect(Number(before!.count)).toBeLessThan(batch.length);

      worker = await startServerProcess(workerEnv());
      await pollUntil(t.databaseUrl, channelId, lastUid, 60_000);

      const tickets = await sql<{ id: string }>(`select id from tickets`);
      expect(tickets).toHaveLength(CONVERSATIONS);
      const references = await sql<{ external_id: string; ticket_id: string }>(
        `select external_id, ticket_id from ticket_external_references where channel_id = $1`,
        [channelId],
      );
      const ticketOf = new Map(references.map((r) => [r.external_id, r.ticket_id]));
      for (const mail of batch) {
        expect(
          references.filter((r) => r.external_id === mail.messageId),
          mail.messageId,
        ).toHaveLength(1);
        expect(ticketOf.get(mail.messageId), mail.messageId).toBe(ticketOf.get(mail.opening));
        const [{ count }] = (await sql<{ count: string }>(
          `select (select count(*) from tickets where description like $1)
                + (select count(*) from ticket_entries where body like $1) as count`,
          [`%(${mail.marker})%`],
        )) as [{ count: string }];
        expect(Number(count), mail.marker).toBe(1);
      }

      // Each new ticket is acknowledged once, however many times the crash made the worker try.
      const acknowledgements = await eventually(
        'an acknowledgement of every ticket',
        async () => {
          const acks = smtp.messages.filter((m) => m.parsed.headers.get('auto-submitted') === 'auto-replied');
          return acks.length >= CONVERSATIONS && acks;
        },
        60_000,
      );
      const sentIds = smtp.messages.map((m) => m.parsed.messageId);
      expect(new Set(sentIds).size).toBe(sentIds.length);
      // One acknowledgement per conversation, threaded under its opening mail.
      for (const opening of batch.filter((m) => m.messageId === m.opening))
        expect(
          acknowledgements.filter((m) => [m.parsed.references ?? []].flat().includes(opening.messageId)),
          opening.messageId,
        ).toHaveLength(1);
    },
  );
});
