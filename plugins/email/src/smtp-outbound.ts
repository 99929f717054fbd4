import {
  ConnectorError,
  type ConnectorContext,
  type ConnectorEvent,
  type DeliveryReceipt,
} from '@escala/connector-kit';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { EmailConfig } from './email.config.js';
import { mailboxHasMessageId, withImap } from './imap-session.js';
import { mailLogin } from './mail-auth.js';
import { EMAIL_SYSTEM } from './mail-intake.js';
import { ourMessageId, ticketOfOurMessageId } from './message-id.js';
import { replySubject } from './subject-line.js';

/** Clients cut long References; the first and the newest ones are what threading needs. */
const MAX_REFERENCES = 20;

type Outgoing = Pick<Mail.Options, 'to' | 'cc' | 'subject' | 'text' | 'html' | 'attachments' | 'headers'> & {
  messageId: string;
  thread: string[];
};

/** Our public reply to the customer, threaded under the mails of the ticket. */
export function replyMail(config: EmailConfig, event: ConnectorEvent<'ticket.reply_sent'>): Outgoing {
  const { payload } = event;
  if (payload.recipients.to.length === 0)
    throw ConnectorError.permanent(`ticket #${payload.number} has no contact e-mail to reply to`);
  return {
    messageId: ourMessageId(config.signingKey, config.messageIdDomain, payload.number, payload.entryId),
    thread: payload.references
      .filter((reference) => reference.system === EMAIL_SYSTEM)
      .map((reference) => reference.id),
    to: payload.recipients.to,
    cc: payload.recipients.cc,
    subject: replySubject(payload.number, payload.ticket.subject),
    text: payload.text,
    html: payload.html,
    attachments: payload.attachments
      .filter((file) => file.url)
      .map((file) => ({ filename: file.name, contentType: file.contentType, path: file.url! })),
  };
}

/** The acknowledgement of a new ticket: marked automatic so that no autoresponder answers it. */
export function acknowledgementMail(
  config: EmailConfig,
  event: ConnectorEvent<'ticket.created'>,
  thread: string[],
): Outgoing | null {
  const to = event.payload.ticket.contact?.email;
  if (!to) return null;
  const number = event.payload.number;
  return {
    messageId: ourMessageId(config.signingKey, config.messageIdDomain, number, 'ack'),
    thread,
    to,
    subject: replySubject(number, event.payload.subject),
    text: `Olá,\n\nRecebemos sua mensagem e abrimos o chamado #${number}. Responda a este e-mail para acrescentar informações.\n\n${config.displayName}`,
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  };
}

/**
 * The mail a message answers: the newest one from outside. Our own acknowledgement is linked when
 * its delivery lands, which can be after the customer's next mail, and a reply must not answer it.
 */
export function answeredMessageId(config: EmailConfig, thread: string[]): string | undefined {
  const fromOutside = thread.findLast(
    (id) => ticketOfOurMessageId(config.signingKey, config.messageIdDomain, id) === null,
  );
  return fromOutside ?? thread.at(-1);
}

/**
 * Sends one mail at most once: the Message-ID is derived from what is sent, so a repeated attempt
 * (the worker died after sending, the outcome was not recorded) looks for it in the sent folder
 * first and does not send again. The copy is filed there after sending unless the service files
 * its own. The one window left is a crash between the SMTP server's 250 and the copy being filed.
 */
export async function sendOnce(context: ConnectorContext<EmailConfig>, mail: Outgoing): Promise<DeliveryReceipt> {
  const { config, signal } = context;
  return withImap(config, signal, async (imap) => {
    if (await mailboxHasMessageId(imap, config.sentMailbox, mail.messageId)) return { externalId: mail.messageId };
    const thread =
      mail.thread.length > MAX_REFERENCES ? [mail.thread[0]!, ...mail.thread.slice(1 - MAX_REFERENCES)] : mail.thread;
    const { messageId, thread: _, ...content } = mail;
    const raw = await new MailComposer({
      ...content,
      from: { name: config.displayName, address: config.address },
      messageId,
      inReplyTo: answeredMessageId(config, mail.thread),
      references: thread,
      headers: { ...content.headers, 'X-Loop': config.address },
    })
      .compile()
      .build();
    const transport = nodemailer.createTransport({
      host: config.smtpHost,
      port: config.smtpPort,
      secure: config.smtpSecure,
      ignoreTLS: config.smtpIgnoreTls,
      auth: smtpAuth(await mailLogin(config, signal)),
      connectionTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
    });
    try {
      const recipients = [content.to, content.cc].flat().filter((value): value is string => typeof value === 'string');
      await transport.sendMail({ envelope: { from: config.address, to: recipients }, raw });
    } finally {
      transport.close();
    }
    if (!config.smtpSavesSentCopy) await imap.append(config.sentMailbox, raw, ['\\Seen']);
    return { externalId: messageId };
  });
}

function smtpAuth(login: Awaited<ReturnType<typeof mailLogin>>) {
  return 'accessToken' in login
    ? { type: 'OAuth2' as const, user: login.user, accessToken: login.accessToken }
    : { user: login.user, pass: login.pass };
}
