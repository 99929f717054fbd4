import EmailReplyParser from 'email-reply-parser';
import { decodeHTML } from 'entities';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

/** What intake needs of one raw message, read once: who, which thread, what it says, what kind it is. */
export interface InboundMessage {
  /** Angle-bracketed, as mail headers carry it; a message without one gets none (it is keyed by its UID). */
  messageId: string | null;
  /** In-Reply-To first, then References newest first: the order threading tries them. */
  threadIds: string[];
  from: string | null;
  fromName: string | null;
  /** Every address in To and Cc, lower-cased. */
  recipients: string[];
  subject: string;
  /** What the customer wrote this time: quoted history and signatures' reply blocks trimmed. */
  text: string;
  /** Whether text dropped a quoted history (the original stays in the mailbox). */
  trimmed: boolean;
  attachments: Array<{ name: string; contentType: string; sizeBytes: number }>;
  /** Why this is no person writing (RFC 3834 and its folklore), or null. */
  automatic: string | null;
  bounce: { originalMessageId: string | null; recipient: string | null; status: string | null } | null;
  priorityHint: boolean;
  /** Our X-Loop header is on it: it came from us. */
  ours: boolean;
}

type PriorityHeader = 'x-priority' | 'x-msmail-priority' | 'importance' | 'priority';

export async function readMessage(raw: Buffer | string, supportAddress: string): Promise<InboundMessage> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const raws = rawHeaders(mail);
  const from = mail.from?.value[0];
  const fullText = mail.text?.trim() ? mail.text : htmlAsText(typeof mail.html === 'string' ? mail.html : '');
  const visible = new EmailReplyParser().read(fullText).getVisibleText().trim();
  const bounce = readBounce(mail, raws);
  return {
    messageId: mail.messageId ?? null,
    threadIds: threadIds(mail),
    from: from?.address?.toLowerCase() ?? null,
    fromName: from?.name || null,
    recipients: [mail.to, mail.cc].flatMap(addresses),
    subject: mail.subject ?? '',
    text: visible || fullText.trim(),
    trimmed: visible.length > 0 && visible.length < fullText.trim().length,
    attachments: mail.attachments
      .filter((attachment) => !(bounce && attachment.contentType.startsWith('message/')))
      .map((attachment, index) => ({
        name: attachment.filename ?? `anexo-${index + 1}`,
        contentType: attachment.contentType,
        sizeBytes: attachment.size,
      })),
    automatic: automaticReason(mail, raws, bounce !== null),
    bounce,
    priorityHint: priorityHint(raws),
    ours: (raws.get('x-loop') ?? []).some((value) => value.toLowerCase().includes(supportAddress)),
  };
}

/** HTML made plain text by a maintained sanitiser: no tag, script or style survives, line breaks do. */
export function htmlAsText(html: string): string {
  const withBreaks = html.replace(/<\s*(br|\/p|\/div|\/li|\/tr|\/h[1-6])\s*\/?>/gi, (tag) => `${tag}\n`);
  const text = sanitizeHtml(withBreaks, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
  });
  return decodeHTML(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((object) =>
    object.value.flatMap(function flat(entry): string[] {
      return entry.group ? entry.group.flatMap(flat) : entry.address ? [entry.address.toLowerCase()] : [];
    }),
  );
}

function threadIds(mail: ParsedMail): string[] {
  const references = typeof mail.references === 'string' ? mail.references.split(/\s+/) : (mail.references ?? []);
  const ids = [mail.inReplyTo, ...[...references].reverse()].filter((id): id is string => Boolean(id?.trim()));
  return [...new Set(ids.map((id) => id.trim()))];
}

/** Raw header values by lower-case name: mailparser folds every priority header into one, we need each. */
function rawHeaders(mail: ParsedMail): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of mail.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).trim();
    headers.set(key, [...(headers.get(key) ?? []), value]);
  }
  return headers;
}

function automaticReason(mail: ParsedMail, raws: Map<string, string[]>, bounce: boolean): string | null {
  const first = (name: string) => raws.get(name)?.[0]?.toLowerCase();
  const autoSubmitted = first('auto-submitted');
  if (bounce) return 'delivery-status';
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return `auto-submitted: ${autoSubmitted}`;
  const precedence = first('precedence');
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) if (raws.has(name)) return name;
  if (raws.has('list-id') || raws.has('list-unsubscribe')) return 'mailing list';
  if (first('return-path')?.replace(/\s/g, '') === '<>') return 'null return path';
  const sender = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(sender)) return 'mailer daemon';
  return null;
}

function readBounce(mail: ParsedMail, raws: Map<string, string[]>): InboundMessage['bounce'] {
  const contentType = raws.get('content-type')?.[0]?.toLowerCase() ?? '';
  if (!(contentType.startsWith('multipart/report') && contentType.includes('delivery-status'))) return null;
  const part = (type: string) =>
    mail.attachments.find((a) => a.contentType.toLowerCase() === type)?.content.toString('utf8') ?? '';
  // mailparser shows a message/delivery-status part as text, not as an attachment.
  const status = part('message/delivery-status') || (mail.text ?? '');
  const original = part('message/rfc822') || part('text/rfc822-headers') || part('message/rfc822-headers');
  const field = (text: string, name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(text)?.[1]?.trim() ?? null;
  const recipient = field(status, 'Final-Recipient') ?? field(status, 'Original-Recipient');
  return {
    originalMessageId: field(original, 'Message-ID'),
    recipient: recipient?.replace(/^rfc822;\s*/i, '').toLowerCase() ?? null,
    status: field(status, 'Diagnostic-Code') ?? field(status, 'Status'),
  };
}

function priorityHint(raws: Map<string, string[]>): boolean {
  const value = (name: PriorityHeader) => raws.get(name)?.[0]?.trim().toLowerCase() ?? '';
  return (
    /^[12]\b/.test(value('x-priority')) ||
    value('x-msmail-priority') === 'high' ||
    value('importance') === 'high' ||
    value('priority') === 'urgent'
  );
}
