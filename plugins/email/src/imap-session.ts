import { ImapFlow } from 'imapflow';
import type { EmailConfig } from './email.config.js';
import { mailLogin } from './mail-auth.js';

/**
 * Runs `work` on a fresh IMAP connection and always logs out. imapflow cannot reconnect a closed
 * client, so every call builds its own; the platform's poll schedule (with its back-off on errors)
 * is what supervises the connection.
 */
export async function withImap<T>(
  config: EmailConfig,
  signal: AbortSignal,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = await imapClient(config, signal);
  const abort = () => client.close();
  signal.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
    return await work(client);
  } finally {
    signal.removeEventListener('abort', abort);
    await client.logout().catch(() => client.close());
  }
}

/**
 * A connected-to-be client for this inbox. Our code decides when to IDLE (imapflow would on its own
 * after 15 s, and never while a mailbox lock is held).
 */
export async function imapClient(
  config: EmailConfig,
  signal: AbortSignal,
  options: { maxIdleTime?: number } = {},
): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: config.imapHost,
    port: config.imapPort,
    secure: config.imapSecure,
    auth: await mailLogin(config, signal),
    logger: false,
    disableAutoIdle: true,
    socketTimeout: config.timeoutMs,
    connectionTimeout: config.timeoutMs,
    ...options,
  });
  // An unhandled 'error' event would end the process; the failed command rejects on its own.
  client.on('error', () => undefined);
  return client;
}

/** Whether a message with this Message-ID is in the mailbox (the sent folder, before a resend). */
export async function mailboxHasMessageId(client: ImapFlow, mailbox: string, messageId: string): Promise<boolean> {
  const lock = await client.getMailboxLock(mailbox);
  try {
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    return Array.isArray(found) && found.length > 0;
  } finally {
    lock.release();
  }
}
