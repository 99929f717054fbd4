import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DovecotServer, SmtpCapture } from '@escala/emulators';
import { eventually, FAST_DELIVERY, queryDatabase } from './support/outbox.js';
import { createEmailChannel, emailChannelConfig, MAIL_USER, pollUntil, startMailServers } from './support/mail-desk.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const MARIA = 'maria@exemplo.com.br';
const BOUNCED_KEY = 'bounced:maria:40exemplo.com.br';

const fromMaria = (id: string, inReplyTo?: string) =>
  [
    `From: Maria <${MARIA}>`,
    'To: suporte@escala.test',
    `Subject: ${inReplyTo ? 'RES: ' : ''}Boleto em duplicidade`,
    `Message-ID: <${id}@exemplo.com.br>`,
    ...(inReplyTo ? [`In-Reply-To: ${inReplyTo}`, `References: ${inReplyTo}`] : []),
    'Date: Thu, 03 Dec 2026 10:00:00 -0300',
    'Content-Type: text/plain; charset=utf-8',
    '',
    inReplyTo ? 'Liberei espaço na caixa, podem responder.' : 'Recebi dois boletos do mesmo mês.',
    '',
  ].join('\r\n');

const dsnFor = (ourMessageId: string) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.exemplo.com.br>',
    'To: suporte@escala.test',
    'Subject: Undelivered Mail Returned to Sender',
    'Message-ID: <dsn-boleto@mx.exemplo.com.br>',
    'Date: Thu, 03 Dec 2026 10:05:00 -0300',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"',
    '',
    '--dsn',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `Your message could not be delivered to ${MARIA}.`,
    '',
    '--dsn',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.exemplo.com.br',
    '',
    `Final-Recipient: rfc822; ${MARIA}`,
    'Action: failed',
    'Status: 5.2.2',
    'Diagnostic-Code: smtp; 552 5.2.2 mailbox full',
    '',
    '--dsn',
    'Content-Type: text/rfc822-headers',
    '',
    'From: Suporte <suporte@escala.test>',
    `To: ${MARIA}`,
    `Message-ID: ${ourMessageId}`,
    '',
    '--dsn--',
    '',
  ].join('\r\n');

describe('e-mail: a reply to an address that bounced is not sent blindly', () => {
  let t: TestApp;
  let team: SupportTeam;
  let dovecot: DovecotServer;
  let smtp: SmtpCapture;
  let channelId: string;
  let ticketId: string;
  let agentToken: string;
  let firstReply: string;

  const reply = async (body: string) => {
    const response = await t.request('POST', `/tickets/${ticketId}/entries`, {
      token: agentToken,
      body: { kind: 'public', body },
    });
    expect(response.status).toBe(201);
  };
  const take = async (raw: string) =>
    pollUntil(t.databaseUrl, channelId, (await dovecot.append(MAIL_USER.user, 'INBOX', raw)).uid);
  const internalNotes = async () =>
    (
      await queryDatabase<{ body: string }>(
        t.databaseUrl,
        `select body from ticket_entries where ticket_id = $1 and direction = 'internal' order by created_at`,
        [ticketId],
      )
    ).map((row) => row.body);
  const bouncedMark = async () =>
    (
      await queryDatabase<{ value: unknown }>(
        t.databaseUrl,
        `select value from channel_state where channel_id = $1 and key = $2`,
        [channelId, BOUNCED_KEY],
      )
    )[0]?.value;

  beforeAll(async () => {
    [t, { dovecot, smtp }] = await Promise.all([startTestApp(FAST_DELIVERY), startMailServers()]);
    // The team comes with the customer Contabilidade Exemplo, whose contact Maria is.
    team = await setUpTeam(t, 'n1-n5');
    channelId = await createEmailChannel(t, team.admin, emailChannelConfig(dovecot, smtp));
    await take(fromMaria('boleto-1'));
    const [ticket] = await queryDatabase<{ id: string }>(t.databaseUrl, `select id from tickets`);
    ticketId = ticket!.id;
    const view = await t.request('GET', `/tickets/${ticketId}`, { token: team.admin });
    agentToken = team.people[view.body.unitKey]!.token;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('the DSN of our reply marks the address and notes it on the ticket', async () => {
    await reply('Olá Maria, vamos cancelar o boleto repetido.');
    firstReply = (
      await eventually('our first reply at the SMTP listener', async () =>
        smtp.messages.find((m) => m.parsed.text?.includes('boleto repetido')),
      )
    ).parsed.messageId!;
    await take(dsnFor(firstReply));
    expect(await bouncedMark()).toMatchObject({
      status: 'smtp; 552 5.2.2 mailbox full',
      dsn: '<dsn-boleto@mx.exemplo.com.br>',
    });
    expect((await internalNotes()).join('\n')).toContain(
      `a entrega para ${MARIA} falhou (smtp; 552 5.2.2 mailbox full)`,
    );
  });

  it('the next reply is refused for good, not retried, and the ticket says why', async () => {
    await reply('Maria, o boleto correto segue em anexo.');
    const note = await eventually('the note of the undelivered reply', async () =>
      (await internalNotes()).find((body) => body.startsWith('A resposta pública não foi entregue')),
    );
    expect(note).toContain('«Caixa de suporte»');
    expect(note).toContain(`${MARIA} devolveu nossa mensagem`);
    expect(note).toContain('5.2.2 mailbox full, aviso <dsn-boleto@mx.exemplo.com.br>');
    const deliveries = await queryDatabase<{ status: string; attempts: number; last_error_kind: string }>(
      t.databaseUrl,
      `select d.status, d.attempts, d.last_error_kind from channel_deliveries d join outbox_events e on e.id = d.event_id
        where d.channel_id = $1 and e.type = 'ticket.reply_sent' order by e.occurred_at`,
      [channelId],
    );
    expect(deliveries.at(-1)).toEqual({ status: 'dead', attempts: 1, last_error_kind: 'permanent' });
    expect(smtp.messages.filter((m) => m.parsed.text?.includes('boleto correto'))).toEqual([]);
  });

  it('when Maria writes again from the address, the mark goes and replies reach her', async () => {
    await take(fromMaria('boleto-2', firstReply));
    expect(await bouncedMark()).toBeUndefined();
    await reply('Obrigado, Maria: o boleto correto segue de novo.');
    const sent = await eventually('the reply after the mark was cleared', async () =>
      smtp.messages.find((m) => m.parsed.text?.includes('segue de novo')),
    );
    expect(sent.envelope.to).toEqual([MARIA]);
  });
});
