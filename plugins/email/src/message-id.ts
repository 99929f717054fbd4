import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Our Message-IDs name the ticket and what was sent, signed so that nobody can forge one that
 * threads into another customer's ticket: `<t{number}.{part}.{hmac}@domain>` where `part` is the
 * entry id of a reply or `ack` for the acknowledgement. The same input always gives the same id,
 * which is what lets a repeated delivery find the copy it already sent.
 */
export function ourMessageId(key: string, domain: string, ticketNumber: number, part: string): string {
  const local = `t${ticketNumber}.${part}`;
  return `<${local}.${sign(key, local)}@${domain}>`;
}

/** The ticket number an id of ours names, or null for anyone else's id (or a forged one). */
export function ticketOfOurMessageId(key: string, domain: string, messageId: string): number | null {
  const match = /^<?(t(\d{1,12})\.([a-z0-9-]{1,64}))\.([a-f0-9]{20})@([^>]+)>?$/i.exec(messageId.trim());
  if (!match || match[5]!.toLowerCase() !== domain) return null;
  const expected = Buffer.from(sign(key, match[1]!));
  const given = Buffer.from(match[4]!.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? Number(match[2]) : null;
}

function sign(key: string, local: string): string {
  return createHmac('sha256', key).update(local).digest('hex').slice(0, 20);
}
