import type { ConnectorContext, PollResult } from '@escala/connector-kit';
import { z } from 'zod';
import type { EmailConfig } from './email.config.js';
import { withImap } from './imap-session.js';
import { readMessage } from './inbound-message.js';
import { mailChange, type IntakeOutcome } from './mail-intake.js';

/** Where intake stands in one mailbox. A new uidValidity means the UIDs were renumbered: read it all again. */
const Checkpoint = z.object({ mailbox: z.string(), uidValidity: z.string(), lastUid: z.number().int().min(0) });
type Checkpoint = z.infer<typeof Checkpoint>;

/**
 * One poll: the messages after the checkpoint, oldest first, at most `batchSize`. The platform stores
 * the returned checkpoint only after every change was committed, so a crash re-reads the batch and
 * the changes already applied are skipped by their Message-ID key. Messages are read with
 * BODY.PEEK: people read the shared mailbox too, `\Seen` is theirs.
 */
export async function pollMailbox(
  context: ConnectorContext<EmailConfig>,
  cursor: string | null,
  onOutcome?: (outcome: IntakeOutcome) => void,
): Promise<PollResult> {
  const { config, signal } = context;
  const previous = readCheckpoint(cursor);
  return withImap(config, signal, async (client) => {
    const lock = await client.getMailboxLock(config.mailbox, { readOnly: true });
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new Error(`mailbox ${config.mailbox} did not open`);
      const uidValidity = String(mailbox.uidValidity);
      const same = previous?.mailbox === config.mailbox && previous.uidValidity === uidValidity;
      const lastUid = same ? previous.lastUid : 0;
      const checkpoint = (uid: number): string =>
        JSON.stringify({ mailbox: config.mailbox, uidValidity, lastUid: uid } satisfies Checkpoint);
      // `fetch('1:*')` fails on an empty mailbox, and `N:*` can answer the last message below N.
      if (mailbox.exists === 0) return { changes: [], cursor: checkpoint(lastUid) };
      const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
      const uids = (found || [])
        .filter((uid) => uid > lastUid)
        .sort((a, b) => a - b)
        .slice(0, config.batchSize);
      if (uids.length === 0) return { changes: [], cursor: checkpoint(lastUid) };
      // Collect first: a command issued inside the fetch loop deadlocks imapflow.
      const sources: Array<{ uid: number; source: Buffer; receivedAt: string }> = [];
      for await (const message of client.fetch(
        uids.join(','),
        { uid: true, source: true, internalDate: true },
        { uid: true },
      ))
        if (message.source)
          sources.push({ uid: message.uid, source: message.source, receivedAt: receivedAt(message.internalDate) });
      const base = `imap://${encodeURIComponent(config.username)}@${config.imapHost}:${config.imapPort}/${encodeURIComponent(config.mailbox)}`;
      const changes = [];
      for (const { uid, source, receivedAt } of sources) {
        const message = await readMessage(source, config.address);
        changes.push(
          mailChange(
            message,
            { url: `${base};UIDVALIDITY=${uidValidity}/;UID=${uid}`, uidValidity, uid, receivedAt },
            config,
            onOutcome,
          ),
        );
      }
      return { changes, cursor: checkpoint(Math.max(...uids)) };
    } finally {
      lock.release();
    }
  });
}

/** The server's INTERNALDATE; a server that gives none leaves us the time we read it. */
function receivedAt(internalDate: Date | string | undefined): string {
  const date = internalDate ? new Date(internalDate) : new Date();
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

function readCheckpoint(cursor: string | null): Checkpoint | null {
  if (!cursor) return null;
  try {
    return Checkpoint.parse(JSON.parse(cursor));
  } catch {
    // A cursor we cannot read is a resync, not a stuck channel: Message-ID keys keep it exactly-once.
    return null;
  }
}
