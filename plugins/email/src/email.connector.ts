import { CONNECTOR_CONTRACT_VERSION, ConnectorError, defineConnector } from '@escala/connector-kit';
import { z } from 'zod';
import { withoutBounced } from './bounced-addresses.js';
import { emailConfigSchema } from './email.config.js';
import { withImap } from './imap-session.js';
import { pollMailbox } from './imap-intake.js';
import { listenMailbox } from './imap-listener.js';
import { EMAIL_SYSTEM } from './mail-intake.js';
import { acknowledgementMail, replyMail, sendOnce } from './smtp-outbound.js';

export const emailConnector = defineConnector({
  key: EMAIL_SYSTEM,
  displayName: 'E-mail (IMAP/SMTP)',
  contractVersion: CONNECTOR_CONTRACT_VERSION,
  configSchema: emailConfigSchema,
  // Our replies, and new tickets for the optional acknowledgement. Never the customer's own mail.
  consumes: ['ticket.reply_sent', 'ticket.created'],

  async deliver(context, { event }) {
    if (event.type === 'ticket.reply_sent')
      return sendOnce(context, await withoutBounced(context.port, replyMail(context.config, event)));
    if (event.type !== 'ticket.created' || !context.config.acknowledgeNewTickets || event.payload.channel !== 'email')
      return {};
    // Only tickets this inbox opened: their first reference is the customer's Message-ID here.
    const thread = (await context.port.listExternalReferences(event.payload.ticketId)).map((reference) => reference.id);
    const mail = thread.length > 0 ? acknowledgementMail(context.config, event, thread) : null;
    return mail ? sendOnce(context, await withoutBounced(context.port, mail)) : {};
  },

  poll: {
    intervalSeconds: 30,
    poll: (context, cursor) => pollMailbox(context, cursor),
    listen: (context, wakeUp) => listenMailbox(context, wakeUp),
  },

  async health(context) {
    try {
      const status = await withImap(context.config, context.signal, (client) =>
        client.status(context.config.mailbox, { messages: true, uidValidity: true }),
      );
      return {
        status: 'healthy',
        detail: `${context.config.mailbox}: ${status ? (status.messages ?? 0) : 0} messages`,
      };
    } catch (error) {
      return { status: 'unhealthy', detail: translateMailError(error).message };
    }
  },

  translateError: translateMailError,
});

/** The one place IMAP, SMTP and token failures become our kinds. */
export function translateMailError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof z.ZodError || error instanceof SyntaxError)
    return ConnectorError.permanent(`the mail service sent something unreadable: ${error.message}`, error);
  const failure = error as {
    code?: string;
    responseCode?: number;
    authenticationFailed?: boolean;
    serverResponseCode?: string;
    responseText?: string;
    message?: string;
  };
  const message = failure.responseText ?? failure.message ?? String(error);
  // `NO [UNAVAILABLE]` at login: the server could not check the credentials (its token validation is down).
  if (failure.authenticationFailed && failure.serverResponseCode === 'UNAVAILABLE')
    return ConnectorError.temporary(`the mail server could not check the login now: ${message}`, error);
  if (failure.authenticationFailed || failure.code === 'EAUTH' || failure.responseCode === 535)
    return ConnectorError.authentication(`the mail server refused the login: ${message}`);
  if (typeof failure.responseCode === 'number') {
    if (
      failure.responseCode === 421 ||
      failure.responseCode === 450 ||
      failure.responseCode === 451 ||
      failure.responseCode === 452
    )
      return ConnectorError.temporary(`the SMTP server deferred the mail (${failure.responseCode}): ${message}`, error);
    if (failure.responseCode >= 500)
      return ConnectorError.permanent(`the SMTP server refused the mail (${failure.responseCode}): ${message}`, error);
  }
  if (
    failure.code === 'NoConnection' ||
    failure.code === 'ETIMEDOUT' ||
    failure.code === 'ECONNREFUSED' ||
    failure.code === 'ECONNRESET' ||
    failure.code === 'ESOCKET' ||
    failure.code === 'ECONNECTION' ||
    failure.code === 'ETIMEOUT'
  )
    return ConnectorError.temporary(`the mail server could not be reached: ${message}`, error);
  if (failure.code === 'NONEXISTENT' || /doesn't exist|does not exist|not found/i.test(message))
    return ConnectorError.invalidConfiguration(`a mailbox is missing: ${message}`);
  return ConnectorError.temporary(message, error);
}
