/** Reply and forward prefixes of the mail clients our customers use, Portuguese and Outlook's included. */
const PREFIX = /^\s*(?:re|res|resp|enc|fw|fwd|tr|aw|wg|sv|vs|rv)\s*(?:\[\d+\])?\s*:\s*/i;
/** Tags mail gateways put in front of outside mail. */
const GATEWAY_TAG = /^\s*\[(?:externo|external|ext|externa)\]\s*/i;
const TICKET_TOKEN = /\[#(\d{1,12})\]/;

/** The subject as the customer meant it: prefixes and gateway tags stripped, as often as they were stacked. */
export function baseSubject(subject: string): string {
  let current = subject;
  for (;;) {
    const next = current.replace(PREFIX, '').replace(GATEWAY_TAG, '');
    if (next === current) return current.replace(TICKET_TOKEN, '').replace(/\s+/g, ' ').trim();
    current = next;
  }
}

/** The ticket number of a `[#123]` token in the subject, if any. */
export function subjectTicketNumber(subject: string): number | null {
  const match = TICKET_TOKEN.exec(subject);
  return match ? Number(match[1]) : null;
}

/** The subject of our mail about a ticket: the token first, so it survives the customer's client. */
export function replySubject(ticketNumber: number, subject: string): string {
  return `[#${ticketNumber}] ${baseSubject(subject)}`;
}
