import { ConnectorError, LISTEN_UNSUPPORTED, type ConnectorContext, type PollWakeUp } from '@escala/connector-kit';
import type { EmailConfig } from './email.config.js';
import { imapClient } from './imap-session.js';

/**
 * The inbox's IDLE session: the server announces new mail (EXISTS) and the platform polls at once.
 * It only wakes the poll, which stays the one reader of the mailbox, so the checkpoint is still
 * stored after the commit. A server without IDLE leaves the channel on its poll interval. The
 * session ends when the connection drops; the platform opens a new one (imapflow cannot reconnect).
 */
export async function listenMailbox(
  context: ConnectorContext<EmailConfig>,
  wakeUp: PollWakeUp,
): Promise<void | typeof LISTEN_UNSUPPORTED> {
  const { config, signal } = context;
  if (signal.aborted) return;
  // IDLE is broken and re-issued well inside the socket timeout: that round trip is what notices a
  // connection that died without a word (a NAT dropping it, a server that crashed), within one timeout.
  const client = await imapClient(config, signal, { maxIdleTime: Math.floor(config.timeoutMs / 2) });
  const abort = () => client.close();
  signal.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
    if (!client.capabilities.has('IDLE')) return LISTEN_UNSUPPORTED;
    await client.mailboxOpen(config.mailbox, { readOnly: true });
    client.on('exists', () => wakeUp.wake());
    wakeUp.listening();
    while (client.usable && !signal.aborted) {
      // idle() answers false when the server refused IDLE, or at once when no mailbox is selected.
      if ((await client.idle()) === false && client.usable)
        throw ConnectorError.temporary('the IMAP server ended IDLE with an error');
      if (client.usable && !client.mailbox) throw ConnectorError.temporary(`${config.mailbox} is no longer selected`);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    signal.removeEventListener('abort', abort);
    if (client.usable) await client.logout().catch(() => client.close());
  }
}
