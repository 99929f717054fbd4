import { randomUUID } from 'node:crypto';
import type { NewTicket, TicketRef } from '@escala/connector-kit';
import { InMemoryCorePort, SAMPLE_TICKET } from '@escala/connector-kit/testing';
import { describe, expect, it } from 'vitest';
import { emailConfigSchema } from './email.config.js';
import { readMessage } from './inbound-message.js';
import { takeMessage, type IntakeOutcome } from './mail-intake.js';
import { ourMessageId } from './message-id.js';
import { corpusMessage, corpusPrefix, MAIL_CORPUS, type CorpusValues } from './testing/mail-corpus.js';

const config = emailConfigSchema.parse({
  address: 'suporte@escala.test',
  imapHost: '127.0.0.1',
  smtpHost: '127.0.0.1',
  username: 'suporte',
  password: 'secret',
  messageIdDomain: 'escala.test',
  signingKey: 'k'.repeat(40),
  prioritySenders: ['diretoria@exemplo.com.br'],
  maxAttachmentBytes: 50_000,
});

/** The in-memory port, with the summaries the core would have of the tickets intake opened. */
class DeskPort extends InMemoryCorePort {
  override async createTicket(input: NewTicket): Promise<TicketRef> {
    const ref = await super.createTicket(input);
    if (!this.summaries.some((summary) => summary.id === ref.id)) {
      const customer = input.requester?.email?.endsWith('@padaria.com.br')
        ? { id: PADARIA, name: 'Padaria' }
        : { id: CONTABILIDADE, name: 'Contabilidade' };
      this.summaries.push({
        ...SAMPLE_TICKET,
        id: ref.id,
        number: ref.number!,
        subject: input.subject,
        customer,
        contact: { name: input.requester?.name ?? '', email: input.requester?.email ?? null },
      });
    }
    return ref;
  }
}
const CONTABILIDADE = randomUUID();
const PADARIA = randomUUID();

describe('the corpus, message by message, through intake (in-memory core)', () => {
  const port = new DeskPort();
  port.addCustomer({
    id: CONTABILIDADE,
    name: 'Contabilidade',
    contacts: ['maria@exemplo.com.br', 'diretoria@exemplo.com.br'],
  });
  port.addCustomer({ id: PADARIA, name: 'Padaria', contacts: ['joao@padaria.com.br'] });
  const values: CorpusValues = { ticketNumbers: new Map() };
  const outcomes = new Map<string, IntakeOutcome>();
  const ticketOf = (prefix: string) => {
    const outcome = outcomes.get(prefix);
    return outcome && 'ticket' in outcome ? outcome.ticket.id : undefined;
  };

  it.each(MAIL_CORPUS)('$file → $outcome', async (expected) => {
    const prefix = corpusPrefix(expected.file);
    // Our reply on the first ticket goes out before the customers' answers to it arrive.
    if (!values.ourReply && values.ticketNumbers.has('01'))
      values.ourReply = ourMessageId(
        config.signingKey,
        config.messageIdDomain,
        values.ticketNumbers.get('01')!,
        randomUUID(),
      );
    const message = await readMessage(corpusMessage(expected.file, values), config.address);
    const place = {
      url: `imap://suporte@127.0.0.1:143/INBOX;UIDVALIDITY=1/;UID=${prefix}`,
      uidValidity: '1',
      uid: Number(prefix),
      receivedAt: '2026-12-03T12:00:00.000Z',
    };
    const outcome = await takeMessage(port, config, message, place);
    outcomes.set(prefix, outcome);

    expect(outcome.kind).toBe(expected.outcome);
    if (outcome.kind === 'new-ticket') values.ticketNumbers.set(prefix, outcome.ticket.number!);
    if (expected.ticketOf) expect('ticket' in outcome && outcome.ticket.id).toBe(ticketOf(expected.ticketOf));
    if (expected.reason) expect(outcome).toEqual({ kind: 'held', reason: expected.reason });
    if (outcome.kind === 'bounce') expect(outcome.address).toBe(expected.bounced);
    if (outcome.kind === 'triage') {
      const held = port.triage.find((item) => item.id === outcome.itemId)!;
      expect(held).toMatchObject({ receivedAt: place.receivedAt, sourceUrl: place.url });
      expect(held.body).toContain(expected.text);
      expect(held.externalReference).toEqual({ system: 'email', id: message.messageId });
      return;
    }

    const ticket = 'ticket' in outcome ? port.ticket(outcome.ticket.id) : undefined;
    const shown = outcome.kind === 'new-ticket' ? ticket!.input.body : (ticket?.entries.at(-1)?.body ?? '');
    if (expected.text) expect(shown).toContain(expected.text);
    for (const absent of expected.absent ?? []) expect(shown).not.toContain(absent);
    if (expected.subject) expect(ticket!.input.subject).toBe(expected.subject);
    if (expected.priority !== undefined) expect(port.priorityEmails.has(ticket!.id)).toBe(expected.priority);
    for (const file of expected.attachments ?? []) {
      const kept = ticket!.entries
        .flatMap((entry) => entry.attachments ?? [])
        .find((a) => a.name.startsWith(file.name));
      expect(kept, file.name).toBeDefined();
      expect(kept!.url !== null).toBe(file.stored);
    }
  });

  it('holds an unknown sender for triage once, however often the message is read again', async () => {
    const file = MAIL_CORPUS.find((c) => c.outcome === 'triage')!.file;
    const message = await readMessage(corpusMessage(file, values), config.address);
    const place = { url: 'imap://again', uidValidity: '2', uid: 1, receivedAt: '2026-12-03T12:05:00.000Z' };
    const again = await takeMessage(port, config, message, place);
    expect(again).toEqual({ kind: 'triage', itemId: port.triage[0]!.id });
    expect(port.triage).toHaveLength(1);
    expect(port.triage[0]).toMatchObject({ sender: { email: 'fulano@desconhecido.com', name: 'Fulano' } });
  });

  it('opens one ticket per conversation, whatever arrived twice or answered by reply-all', () => {
    const opened = MAIL_CORPUS.filter((c) => c.outcome === 'new-ticket').length;
    expect(port.tickets).toHaveLength(opened);
  });
});

describe('an unknown sender writing again and again', () => {
  it('fills triage only up to the sender limit; the rest is held with the reason', async () => {
    const port = new InMemoryCorePort();
    const limited = { ...config, senderLimitPerHour: 1 };
    const file = MAIL_CORPUS.find((c) => c.outcome === 'triage')!.file;
    const first = await readMessage(corpusMessage(file, { ticketNumbers: new Map() }), config.address);
    const place = (uid: number) => ({
      url: `imap://x/;UID=${uid}`,
      uidValidity: '1',
      uid,
      receivedAt: '2026-12-03T12:00:00.000Z',
    });
    expect((await takeMessage(port, limited, first, place(1))).kind).toBe('triage');
    const again = { ...first, messageId: '<unk0013@desconhecido.com>' };
    expect(await takeMessage(port, limited, again, place(2))).toEqual({ kind: 'held', reason: 'sender rate limit' });
    expect(port.triage).toHaveLength(1);
  });
});
