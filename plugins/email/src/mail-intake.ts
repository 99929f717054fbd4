import type { CorePort, EntryAttachment, InboundChange, JsonValue, TicketRef } from '@escala/connector-kit';
import type { EmailConfig } from './email.config.js';
import type { InboundMessage } from './inbound-message.js';
import { clearBounced, markBounced } from './bounced-addresses.js';
import { addressKey } from './state-keys.js';
import { ticketOfOurMessageId } from './message-id.js';
import { baseSubject, subjectTicketNumber } from './subject-line.js';

export const EMAIL_SYSTEM = 'email';
const HELD_KEY = 'held';
const HELD_KEEP = 200;
const HOUR_MS = 3_600_000;

/** Where the message sits in the mailbox: its RFC 5092 IMAP URL is where the original stays kept. */
export interface MailboxPlace {
  url: string;
  uidValidity: string;
  uid: number;
  /** When the server received it (IMAP INTERNALDATE), ISO 8601: the sender's Date header can say anything. */
  receivedAt: string;
}

/** What became of one message: the outcome the corpus asserts and the docs list. */
export type IntakeOutcome =
  | { kind: 'new-ticket'; ticket: TicketRef }
  | { kind: 'entry'; ticket: TicketRef; via: 'references' | 'our-message-id' | 'subject-token' }
  | { kind: 'automatic-entry'; ticket: TicketRef }
  | { kind: 'bounce'; ticket: TicketRef; address: string | null }
  | { kind: 'duplicate'; ticket: TicketRef }
  | { kind: 'our-copy' }
  | { kind: 'held'; reason: string }
  | { kind: 'triage'; itemId: string };

/** One message = one inbound change, keyed by its Message-ID so a second delivery of it is applied once. */
export function mailChange(
  message: InboundMessage,
  place: MailboxPlace,
  config: EmailConfig,
  onOutcome?: (outcome: IntakeOutcome) => void,
): InboundChange {
  return {
    key: message.messageId ? `mail:${message.messageId}` : `mail:${place.uidValidity}:${place.uid}`,
    apply: async (port) => {
      const outcome = await takeMessage(port, config, message, place);
      onOutcome?.(outcome);
    },
  };
}

export async function takeMessage(
  port: CorePort,
  config: EmailConfig,
  message: InboundMessage,
  place: MailboxPlace,
): Promise<IntakeOutcome> {
  const reference = message.messageId ? { system: EMAIL_SYSTEM, id: message.messageId } : undefined;
  const known = reference && (await port.findTicketByExternalReference(reference));
  if (known) return { kind: 'duplicate', ticket: known };
  if (
    message.ours ||
    (message.messageId && ticketOfOurMessageId(config.signingKey, config.messageIdDomain, message.messageId))
  )
    return { kind: 'our-copy' };

  if (message.bounce) {
    const bounced =
      message.bounce.originalMessageId && (await ticketOfId(port, config, message.bounce.originalMessageId));
    if (!bounced) return hold(port, message, place, 'bounce of a mail we cannot find');
    const address = message.bounce.recipient;
    if (address)
      await markBounced(port, address, {
        at: new Date().toISOString(),
        status: message.bounce.status,
        dsn: message.messageId,
      });
    await port.addEntry(bounced.id, {
      direction: 'internal',
      message: { key: 'mail.bounced', values: { address, status: message.bounce.status } },
      externalReference: reference,
    });
    return { kind: 'bounce', ticket: bounced, address };
  }

  const threaded = await threadOf(port, config, message);
  if (message.automatic) {
    if (!threaded) return hold(port, message, place, `automatic (${message.automatic})`);
    await port.addEntry(threaded.ticket.id, {
      direction: 'internal',
      message: {
        key: 'mail.automatic-reply',
        values: { from: message.from, automatic: message.automatic, text: message.text },
      },
      externalReference: reference,
    });
    return { kind: 'automatic-entry', ticket: threaded.ticket };
  }
  if (!message.from) return hold(port, message, place, 'no sender');
  if (message.from === config.address) return hold(port, message, place, 'sent from our own address');
  // A person wrote from it: the address receives again, replies to it go out.
  await clearBounced(port, message.from);

  const attachments = attachmentsOf(message, place, config);
  if (threaded) {
    await port.addEntry(threaded.ticket.id, {
      direction: 'from_customer',
      body: message.text || baseSubject(message.subject) || '(sem texto)',
      author: { name: message.fromName ?? undefined, email: message.from },
      externalReference: reference,
      attachments,
    });
    if (await isPriority(port, config, message)) await port.markPriorityEmail(threaded.ticket.id);
    return { kind: 'entry', ticket: threaded.ticket, via: threaded.via };
  }

  // Before triage too: a runaway autoresponder nobody knows must not flood the desk's queue either.
  if (!(await withinSenderLimit(port, config, message.from))) return hold(port, message, place, 'sender rate limit');
  const customer = await port.findCustomerByEmail(message.from);
  if (!customer) return toTriage(port, config, { ...message, from: message.from }, place, attachments);
  const ticket = await port.createTicket({
    subject: baseSubject(message.subject) || '(sem assunto)',
    body: message.text,
    customerId: customer.customerId,
    requester: { name: message.fromName ?? undefined, email: message.from },
    channel: 'email',
    category: config.category,
    externalReference: reference,
    // The opening message's files and original: an internal line holds them, the description holds the words.
    ...(attachments.length > 0
      ? { openingNote: { message: { key: 'mail.opening-attachments', values: {} }, attachments } }
      : {}),
  });
  if (await isPriority(port, config, message)) await port.markPriorityEmail(ticket.id);
  return { kind: 'new-ticket', ticket };
}

/**
 * Threading, in order: In-Reply-To/References against every Message-ID linked to a ticket (theirs
 * and ours) or signed by us; then a `[#123]` token, only from that ticket's own customer.
 */
async function threadOf(
  port: CorePort,
  config: EmailConfig,
  message: InboundMessage,
): Promise<{ ticket: TicketRef; via: 'references' | 'our-message-id' | 'subject-token' } | null> {
  for (const id of message.threadIds) {
    const linked = await port.findTicketByExternalReference({ system: EMAIL_SYSTEM, id });
    if (linked) return { ticket: linked, via: 'references' };
  }
  for (const id of message.threadIds) {
    const ours = await ticketOfId(port, config, id);
    if (ours) return { ticket: ours, via: 'our-message-id' };
  }
  const number = subjectTicketNumber(message.subject);
  if (number === null || !message.from) return null;
  const summary = await port.getTicketSummary({ number });
  if (!summary) return null;
  const sameContact = summary.contact?.email?.toLowerCase() === message.from;
  const sameCustomer =
    sameContact || (await port.findCustomerByEmail(message.from))?.customerId === summary.customer.id;
  return sameCustomer ? { ticket: { id: summary.id, number: summary.number }, via: 'subject-token' } : null;
}

async function ticketOfId(port: CorePort, config: EmailConfig, id: string): Promise<TicketRef | null> {
  const linked = await port.findTicketByExternalReference({ system: EMAIL_SYSTEM, id });
  if (linked) return linked;
  const number = ticketOfOurMessageId(config.signingKey, config.messageIdDomain, id);
  const summary = number === null ? null : await port.getTicketSummary({ number });
  return summary ? { id: summary.id, number: summary.number } : null;
}

/** Priority from the configured senders, or (when trusted) the headers of a known customer's mail. */
async function isPriority(port: CorePort, config: EmailConfig, message: InboundMessage): Promise<boolean> {
  const from = message.from ?? '';
  const domain = from.slice(from.indexOf('@'));
  if (config.prioritySenders.some((pattern) => pattern === from || pattern === domain)) return true;
  return config.trustPriorityHeaders && message.priorityHint && (await port.findCustomerByEmail(from)) !== null;
}

function attachmentsOf(message: InboundMessage, place: MailboxPlace, config: EmailConfig): EntryAttachment[] {
  const files = message.attachments.map((file) =>
    file.sizeBytes > config.maxAttachmentBytes
      ? { ...file, name: `${file.name} (não guardado: maior que ${config.maxAttachmentBytes} bytes)`, url: null }
      : { ...file, url: place.url },
  );
  const original = message.trimmed
    ? [{ name: 'mensagem-original.eml', contentType: 'message/rfc822', sizeBytes: 0, url: place.url }]
    : [];
  return [...files, ...original].slice(0, 20);
}

/** A sender opens at most `senderLimitPerHour` tickets or triage items an hour: a runaway autoresponder floods nothing. */
async function withinSenderLimit(port: CorePort, config: EmailConfig, sender: string): Promise<boolean> {
  const key = addressKey('rate', sender);
  const now = Date.now();
  const recent = ((await port.state.get(key)) as number[] | null)?.filter((at) => now - at < HOUR_MS) ?? [];
  if (recent.length >= config.senderLimitPerHour) return false;
  await port.state.put(key, [...recent, now]);
  return true;
}

/**
 * An unknown sender's mail waits in the relationship desk's triage (seed 000: "tratativa de e-mails
 * e redirecionamento"), where a person redirects it to a ticket, a tier or a person. Keyed as the
 * change is, so a re-read batch holds it once; the Message-ID goes with it so the thread follows.
 */
async function toTriage(
  port: CorePort,
  config: EmailConfig,
  message: InboundMessage & { from: string },
  place: MailboxPlace,
  attachments: EntryAttachment[],
): Promise<IntakeOutcome> {
  const { id } = await port.holdForTriage({
    key: message.messageId ?? `${place.uidValidity}:${place.uid}`,
    sender: { email: message.from, ...(message.fromName ? { name: message.fromName.slice(0, 200) } : {}) },
    subject: (baseSubject(message.subject) || '(sem assunto)').slice(0, 300),
    body: message.text || '(sem texto)',
    receivedAt: place.receivedAt,
    attachments,
    sourceUrl: place.url,
    ...(message.messageId ? { externalReference: { system: EMAIL_SYSTEM, id: message.messageId } } : {}),
    category: config.category,
  });
  return { kind: 'triage', itemId: id };
}

/** Kept in the channel's `held` list for an admin to look at (automatic mail, over the limit…), never dropped silently. */
async function hold(
  port: CorePort,
  message: InboundMessage,
  place: MailboxPlace,
  reason: string,
): Promise<IntakeOutcome> {
  const held = ((await port.state.get(HELD_KEY)) as JsonValue[] | null) ?? [];
  const entry = {
    reason,
    messageId: message.messageId,
    from: message.from,
    subject: message.subject.slice(0, 300),
    url: place.url,
    at: new Date().toISOString(),
  };
  await port.state.put(HELD_KEY, [...held, entry].slice(-HELD_KEEP));
  return { kind: 'held', reason };
}
