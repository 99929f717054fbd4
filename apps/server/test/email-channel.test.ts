import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DovecotServer, SmtpCapture } from '@escala/emulators';
import {
  corpusMessage,
  corpusNeedsValues,
  corpusPrefix,
  MAIL_CORPUS,
  type CorpusCase,
  type CorpusValues,
} from '@escala/plugin-email/testing';
import { eventually, FAST_DELIVERY, queryDatabase } from './support/outbox.js';
import { createEmailChannel, emailChannelConfig, MAIL_USER, pollUntil, startMailServers } from './support/mail-desk.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface TicketRow {
  id: string;
  number: number;
  subject: string;
  description: string;
  priority_email: boolean;
  skip_reason: string | null;
}

describe('e-mail channel: a real Dovecot inbox in, a real SMTP listener out, through the whole core', () => {
  let t: TestApp;
  let team: SupportTeam;
  let dovecot: DovecotServer;
  let smtp: SmtpCapture;
  let channelId: string;
  const values: CorpusValues = { ticketNumbers: new Map() };
  const messageIds = new Map<string, string | null>();
  let ourReply: { messageId: string; raw: Buffer; ticketId: string };

  const sql = <T extends object>(text: string, params: unknown[] = []) =>
    queryDatabase<T & Record<string, unknown>>(t.databaseUrl, text, params);
  const ticketOfMessage = async (file: string): Promise<TicketRow | undefined> => {
    const id = messageIds.get(corpusPrefix(file));
    const [row] = id
      ? await sql<TicketRow>(
          `select t.*, q.skip_reason from ticket_external_references r join tickets t on t.id = r.ticket_id
           left join queue_entries q on q.ticket_id = t.id where r.channel_id = $1 and r.external_id = $2`,
          [channelId, id],
        )
      : await sql<TicketRow>(
          `select t.*, q.skip_reason from tickets t left join queue_entries q on q.ticket_id = t.id where t.subject = $1`,
          [(await simpleParser(corpusMessage(file, values))).subject],
        );
    return row;
  };
  const append = async (files: CorpusCase[]) => {
    let last = 0;
    for (const { file } of files) {
      const raw = corpusMessage(file, values);
      messageIds.set(corpusPrefix(file), (await simpleParser(raw)).messageId ?? null);
      last = (await dovecot.append(MAIL_USER.user, 'INBOX', raw)).uid;
    }
    return last;
  };

  beforeAll(async () => {
    [t, { dovecot, smtp }] = await Promise.all([startTestApp(FAST_DELIVERY), startMailServers()]);
    team = await setUpTeam(t, 'n1-n5');
    await t.request('POST', '/customers', {
      token: team.admin,
      body: { name: 'Padaria Pão Quente', contacts: [{ name: 'João', email: 'joao@padaria.com.br' }] },
    });
    channelId = await createEmailChannel(
      t,
      team.admin,
      emailChannelConfig(dovecot, smtp, {
        prioritySenders: ['diretoria@exemplo.com.br'],
        maxAttachmentBytes: 50_000,
        acknowledgeNewTickets: true,
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('takes the first messages of the corpus: tickets, entries, held mail', { timeout: 90_000 }, async () => {
    const first = MAIL_CORPUS.filter((c) => !corpusNeedsValues(c.file));
    await pollUntil(t.databaseUrl, channelId, await append(first));
    for (const c of first.filter((c) => c.outcome === 'new-ticket')) {
      const ticket = await ticketOfMessage(c.file);
      expect(ticket, c.file).toBeDefined();
      values.ticketNumbers.set(corpusPrefix(c.file), Number(ticket!.number));
    }
  });

  it(
    'sends our reply threaded under the customer mail, with [#n] and a signed Message-ID, and files it in Sent',
    { timeout: 60_000 },
    async () => {
      const ticket = (await ticketOfMessage('01-nova-utf8-qp.eml'))!;
      const view = await t.request('GET', `/tickets/${ticket.id}`, { token: team.admin });
      const agent = team.people[view.body.unitKey]!;
      const reply = await t.request('POST', `/tickets/${ticket.id}/entries`, {
        token: agent.token,
        body: { kind: 'public', body: 'Olá Maria,\n\nReinstale o certificado digital, por favor.' },
      });
      expect(reply.status).toBe(201);
      const sent = await eventually('our reply at the SMTP listener', async () =>
        smtp.messages.find((m) => m.parsed.text?.includes('Reinstale o certificado')),
      );
      expect(sent.parsed.subject).toBe(`[#${ticket.number}] ${ticket.subject}`);
      // Under the newest mail of the thread (the colleague's reply-all), the whole thread in References.
      expect(sent.parsed.inReplyTo).toBe('<AM0PR18.0018@exemplo.com.br>');
      expect(sent.parsed.references).toEqual(
        expect.arrayContaining([
          '<CAF01abc@mail.exemplo.com.br>',
          '<CAF09def@mail.exemplo.com.br>',
          '<AM0PR18.0018@exemplo.com.br>',
        ]),
      );
      expect(sent.parsed.messageId).toMatch(
        new RegExp(`^<t${ticket.number}\\.[0-9a-f-]+\\.[0-9a-f]{20}@escala\\.test>$`),
      );
      expect(sent.envelope.to).toEqual(['maria@exemplo.com.br']);
      ourReply = { messageId: sent.parsed.messageId!, raw: sent.raw, ticketId: ticket.id };
      values.ourReply = ourReply.messageId;
      // The acknowledgement of the new ticket is marked automatic, so no autoresponder answers it.
      const ack = smtp.messages.find(
        (m) =>
          m.parsed.headers.get('auto-submitted') === 'auto-replied' &&
          m.parsed.subject === `[#${ticket.number}] ${ticket.subject}`,
      );
      expect(ack?.parsed.headers.get('x-auto-response-suppress')).toBe('All');
      expect(await sentFolderCount(dovecot, ourReply.messageId)).toBe(1);
    },
  );

  it('takes the answers to our reply, and our own copy of it opens nothing', { timeout: 90_000 }, async () => {
    const rest = MAIL_CORPUS.filter((c) => corpusNeedsValues(c.file));
    await append(rest);
    const last = (await dovecot.append(MAIL_USER.user, 'INBOX', ourReply.raw)).uid;
    await pollUntil(t.databaseUrl, channelId, last);
    for (const c of rest.filter((c) => c.outcome === 'new-ticket'))
      values.ticketNumbers.set(corpusPrefix(c.file), Number((await ticketOfMessage(c.file))!.number));
  });

  it.each(MAIL_CORPUS)('$file → $outcome', async (expected) => {
    const ticket = await ticketOfMessage(expected.file);
    if (expected.outcome === 'held') {
      const [held] = await sql<{ value: Array<{ messageId: string; reason: string }> }>(
        `select value from channel_state where channel_id = $1 and key = 'held'`,
        [channelId],
      );
      expect(held!.value).toContainEqual(
        expect.objectContaining({ messageId: messageIds.get(corpusPrefix(expected.file)), reason: expected.reason }),
      );
      expect(ticket).toBeUndefined();
      return;
    }
    if (expected.outcome === 'triage') {
      const items = await sql<{ body: string; source_url: string; external_id: string; received_at: Date }>(
        `select body, source_url, external_id, received_at from triage_items where channel_id = $1 and item_key = $2`,
        [channelId, messageIds.get(corpusPrefix(expected.file))],
      );
      // Held once, with the words, the IMAP place and the server's arrival time, and no ticket.
      expect(items).toHaveLength(1);
      expect(items[0]!.body).toContain(expected.text);
      expect(items[0]!.source_url).toMatch(/^imap:\/\/.*;UID=\d+$/);
      expect(items[0]!.external_id).toBe(messageIds.get(corpusPrefix(expected.file)));
      expect(items[0]!.received_at.getTime()).toBeGreaterThan(Date.now() - 3_600_000);
      expect(ticket).toBeUndefined();
      return;
    }
    expect(ticket, expected.file).toBeDefined();
    if (expected.customer === 'domain') {
      // A colleague at the customer's domain became its contact: our replies go to them.
      const [contact] = await sql<{ email: string }>(
        `select c.email from customer_contacts c join tickets t on t.contact_id = c.id where t.id = $1`,
        [ticket!.id],
      );
      expect(contact?.email).toBe((await simpleParser(corpusMessage(expected.file, values))).from?.value[0]?.address);
    }
    if (expected.ticketOf)
      expect(ticket!.id).toBe(
        (await ticketOfMessage(MAIL_CORPUS.find((c) => c.file.startsWith(expected.ticketOf!))!.file))!.id,
      );
    const entries = await sql<{
      body: string;
      direction: string;
      attachments: Array<{ name: string; url: string | null }>;
    }>(`select body, direction, attachments from ticket_entries where ticket_id = $1 order by created_at`, [
      ticket!.id,
    ]);
    const shown =
      expected.outcome === 'new-ticket'
        ? ticket!.description
        : entries
            .filter((e) => e.direction !== 'to_customer')
            .map((e) => e.body)
            .join('\n');
    if (expected.text) expect(shown).toContain(expected.text);
    for (const absent of expected.absent ?? []) expect(shown).not.toContain(absent);
    if (expected.subject) expect(ticket!.subject).toBe(expected.subject);
    if (expected.priority !== undefined) {
      expect(ticket!.priority_email).toBe(expected.priority);
      // Its own queue reason, not the leader's priority mark.
      expect(ticket!.skip_reason).toBe(expected.priority ? 'priority-email' : null);
    }
    if (expected.bounced) expect(shown).toContain(`a entrega para ${expected.bounced} falhou`);
    for (const file of expected.attachments ?? []) {
      const kept = entries.flatMap((e) => e.attachments).find((a) => a.name.startsWith(file.name));
      expect(kept, file.name).toBeDefined();
      expect(kept!.url === null ? false : kept!.url.startsWith('imap://')).toBe(file.stored);
    }
  });

  it('one ticket per conversation, and our reply went out once', async () => {
    const [{ count }] = (await sql<{ count: string }>(`select count(*) from tickets`)) as [{ count: string }];
    expect(Number(count)).toBe(MAIL_CORPUS.filter((c) => c.outcome === 'new-ticket').length);
    expect(smtp.messages.filter((m) => m.parsed.messageId === ourReply.messageId)).toHaveLength(1);
    const [bounced] = await sql<{ value: unknown }>(
      `select value from channel_state where channel_id = $1 and key = 'bounced:maria:40exemplo.com.br'`,
      [channelId],
    );
    expect(bounced).toBeDefined();
  });
});

async function sentFolderCount(dovecot: DovecotServer, messageId: string): Promise<number> {
  const client = new ImapFlow({ ...dovecot.imapOptions(MAIL_USER.user), logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('Sent');
    try {
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      return found ? found.length : 0;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
