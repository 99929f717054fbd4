import { startDovecot, startSmtpCapture, type DovecotServer, type SmtpCapture } from '@escala/emulators';
import { eventually, queryDatabase } from './outbox.js';
import type { TestApp } from './test-app.js';

export const SUPPORT_ADDRESS = 'suporte@escala.test';
export const MAIL_USER = { user: 'suporte', password: 'suporte-test-password' };

/** A real Dovecot and a real SMTP listener on 127.0.0.1, and the channel config that points at them. */
export async function startMailServers(): Promise<{ dovecot: DovecotServer; smtp: SmtpCapture }> {
  const [dovecot, smtp] = await Promise.all([startDovecot({ users: [MAIL_USER] }), startSmtpCapture()]);
  await dovecot.createMailbox(MAIL_USER.user, 'Sent');
  return { dovecot, smtp };
}

export function emailChannelConfig(dovecot: DovecotServer, smtp: SmtpCapture, overrides: Record<string, unknown> = {}) {
  return {
    address: SUPPORT_ADDRESS,
    imapHost: '127.0.0.1',
    imapPort: dovecot.port,
    imapSecure: false,
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    smtpIgnoreTls: true,
    username: MAIL_USER.user,
    password: MAIL_USER.password,
    messageIdDomain: 'escala.test',
    signingKey: 'chave-de-assinatura-dos-message-ids-de-teste',
    category: 'financeiro',
    ...overrides,
  };
}

export async function createEmailChannel(t: TestApp, admin: string, config: Record<string, unknown>): Promise<string> {
  const response = await t.request('POST', '/channels', {
    token: admin,
    body: {
      connector: 'email',
      name: 'Caixa de suporte',
      config,
      subscription: { eventTypes: ['ticket.reply_sent', 'ticket.created'] },
    },
  });
  if (response.status !== 201) throw new Error(`channel: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** Makes the channel's poll due now and waits until its checkpoint has passed `uid`. */
export async function pollUntil(
  databaseUrl: string,
  channelId: string,
  uid: number,
  timeoutMs = 30_000,
): Promise<void> {
  await queryDatabase(databaseUrl, `update channel_poll_states set next_poll_at = now() where channel_id = $1`, [
    channelId,
  ]);
  await eventually(
    `the mailbox checkpoint to pass UID ${uid}`,
    async () => {
      const [row] = await queryDatabase<{ cursor: string | null; last_error: string | null }>(
        databaseUrl,
        `select cursor, last_error from channel_poll_states where channel_id = $1`,
        [channelId],
      );
      if (row?.last_error) throw new Error(`the poll failed: ${row.last_error}`);
      const reached = row?.cursor ? JSON.parse(row.cursor).lastUid >= uid : false;
      if (!reached)
        await queryDatabase(
          databaseUrl,
          `update channel_poll_states set next_poll_at = now() where channel_id = $1 and next_poll_at > now()`,
          [channelId],
        );
      return reached;
    },
    timeoutMs,
  );
}
