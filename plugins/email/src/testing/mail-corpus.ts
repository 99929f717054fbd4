import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FOLDER = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** One realistic message of the corpus and what intake must make of it (fixtures/corpus.json). */
export interface CorpusCase {
  file: string;
  outcome: 'new-ticket' | 'entry' | 'automatic-entry' | 'bounce' | 'duplicate' | 'held' | 'our-copy' | 'triage';
  /** The two-digit prefix of the message whose ticket this one must land on. */
  ticketOf?: string;
  /** Words the ticket must show for this message (decoded, trimmed of quoted history). */
  text?: string;
  /** What must not be shown (scripts, quoted history). */
  absent?: string[];
  attachments?: Array<{ name: string; stored: boolean }>;
  reason?: string;
  priority?: boolean;
  subject?: string;
  bounced?: string;
  /** How the sender was matched to the customer: `domain` makes them a contact of it. */
  customer?: 'address' | 'domain';
}

export const MAIL_CORPUS: CorpusCase[] = JSON.parse(readFileSync(`${FOLDER}corpus.json`, 'utf8'));

/** What the later messages refer to: ticket numbers by message prefix, and the Message-ID of our reply. */
export interface CorpusValues {
  ticketNumbers: Map<string, number>;
  ourReply?: string;
}

/** Whether the message refers to a ticket number or our reply, known only once earlier ones were taken. */
export function corpusNeedsValues(file: string): boolean {
  return readFileSync(`${FOLDER}${file}`, 'latin1').includes('{{');
}

/** The raw message, its placeholders filled in. */
export function corpusMessage(file: string, values: CorpusValues): Buffer {
  const raw = readFileSync(`${FOLDER}${file}`, 'latin1').replace(
    /\{\{(ticket:(\d\d)|our-reply)\}\}/g,
    (_, __, prefix) => {
      const value = prefix ? values.ticketNumbers.get(prefix) : values.ourReply;
      if (value === undefined)
        throw new Error(`${file} needs ${prefix ? `the ticket of ${prefix}` : 'our reply'} first`);
      return String(value);
    },
  );
  return Buffer.from(raw, 'latin1');
}

export const corpusPrefix = (file: string) => file.slice(0, 2);
