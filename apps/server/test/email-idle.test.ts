import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DovecotServer, SmtpCapture } from '@escala/emulators';
import { eventually, FAST_DELIVERY, queryDatabase } from './support/outbox.js';
import { createEmailChannel, emailChannelConfig, MAIL_USER, startMailServers } from './support/mail-desk.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const mail = (id: string, subject: string) =>
  [
    'From: João <joao@padaria.com.br>',
    'To: suporte@escala.test',
    `Subject: ${subject}`,
    `Message-ID: <${id}@padaria.com.br>`,
    'Date: Thu, 03 Dec 2026 10:00:00 -0300',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'O caixa não fecha desde a atualização.',
    '',
  ].join('\r\n');

describe('e-mail intake with IMAP IDLE: new mail is on a ticket without waiting for the poll interval', () => {
  let t: TestApp;
  let team: SupportTeam;
  let dovecot: DovecotServer;
  let smtp: SmtpCapture;
  let channelId: string;

  const ticketsWithSubject = async (subject: string) =>
    Number(
      (
        await queryDatabase<{ count: string }>(t.databaseUrl, `select count(*) from tickets where subject = $1`, [
          subject,
        ])
      )[0]!.count,
    );
  const onATicket = (subject: string) =>
    eventually(`"${subject}" on a ticket`, async () => (await ticketsWithSubject(subject)) > 0, 30_000);
  /** The next poll ten minutes away: a mail on a ticket before then came through a wake-up. */
  const pollFarAway = () =>
    queryDatabase(
      t.databaseUrl,
      `update channel_poll_states set next_poll_at = now() + interval '10 minutes' where channel_id = $1`,
      [channelId],
    );
  const listening = () =>
    eventually('the IDLE session', async () => (await dovecot.sessions(MAIL_USER.user)) >= 1, 30_000);

  beforeAll(async () => {
    [t, { dovecot, smtp }] = await Promise.all([startTestApp(FAST_DELIVERY), startMailServers()]);
    team = await setUpTeam(t, 'n1-n5');
    await t.request('POST', '/customers', {
      token: team.admin,
      body: { name: 'Padaria Pão Quente', contacts: [{ name: 'João', email: 'joao@padaria.com.br' }] },
    });
    channelId = await createEmailChannel(t, team.admin, emailChannelConfig(dovecot, smtp));
    await eventually('the first poll', async () => {
      const [row] = await queryDatabase<{ cursor: string | null }>(
        t.databaseUrl,
        `select cursor from channel_poll_states where channel_id = $1`,
        [channelId],
      );
      return row?.cursor != null;
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('a mail appended while the poll is ten minutes away is on a ticket (EXISTS woke the poll)', async () => {
    await listening();
    await pollFarAway();
    await dovecot.append(MAIL_USER.user, 'INBOX', mail('idle-1', 'Caixa não fecha'));
    await onATicket('Caixa não fecha');
  });

  it('after the server kicks the connection, the session comes back and mail of the gap arrives once', async () => {
    await pollFarAway();
    await dovecot.kick(MAIL_USER.user);
    await dovecot.append(MAIL_USER.user, 'INBOX', mail('kick-1', 'Nota fiscal parada'));
    await dovecot.append(MAIL_USER.user, 'INBOX', mail('kick-2', 'Impressora fiscal'));
    await onATicket('Nota fiscal parada');
    await onATicket('Impressora fiscal');
    await listening();
    await pollFarAway();
    await dovecot.append(MAIL_USER.user, 'INBOX', mail('kick-3', 'Depois da reconexão'));
    await onATicket('Depois da reconexão');
  });

  it('mail delivered while Dovecot was down is taken by the poll the new session asks for', async () => {
    await pollFarAway();
    // Nothing announces it: it is in the mailbox before the new session starts to listen.
    await dovecot.restart(() =>
      dovecot.deliverToMaildir(MAIL_USER.user, mail('down-1', 'Chegou com o servidor parado')),
    );
    await onATicket('Chegou com o servidor parado');
  });

  it('nothing was lost or doubled, and one IDLE session is open', async () => {
    for (const subject of [
      'Caixa não fecha',
      'Nota fiscal parada',
      'Impressora fiscal',
      'Depois da reconexão',
      'Chegou com o servidor parado',
    ])
      expect(await ticketsWithSubject(subject), subject).toBe(1);
    // Polls and deliveries open short sessions beside it: the IDLE one is what stays.
    await eventually('one IMAP session left open', async () => (await dovecot.sessions(MAIL_USER.user)) === 1, 60_000);
  });
});
