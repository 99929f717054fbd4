import { Injectable } from '@nestjs/common';
import { EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import {
  DEFAULT_LOCALE,
  Refusal,
  decideTicketAction,
  parseHistoryMessage,
  renderHistoryMessage,
  type EntryDirection,
  type HistoryMessage,
  type Locale,
} from '@escala/domain';
import { randomUUID } from 'node:crypto';
import { ChangeJournal, type Change } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { CombinedWrite } from '../persistence/combined-write.js';
import { TicketEntrySchema, type Ticket, type TicketEntry } from '../persistence/entities/index.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { TicketActors } from './ticket-actors.service.js';
import { TicketHooks } from './ticket-hooks.service.js';
import type { EntryInput } from './ticket.schemas.js';
import { callerId, callerLabel, type TicketCaller } from './ticket-view.js';
import { TicketsService } from './tickets.service.js';

/**
 * What an entry says: someone's words (or a playbook text already rendered), or a line of the history
 * catalogue, kept as its key and values beside its pt-BR body (docs/decisions/0007-history-language.md).
 */
export type EntryText = string | HistoryMessage;

/** An entry input's text for a catalogue line: the message, and its pt-BR rendering as the body. */
export const systemLine = (message: HistoryMessage) => ({
  body: renderHistoryMessage(message, DEFAULT_LOCALE),
  message,
});

/**
 * The body in the reader's language: a catalogue line is rendered again from its key; people's words,
 * lines older than the catalogue and lines whose key it no longer has show the body as written.
 */
function bodyIn(e: TicketEntry, locale: Locale): string {
  if (!e.messageKey || locale === DEFAULT_LOCALE) return e.body;
  try {
    return renderHistoryMessage(parseHistoryMessage(e.messageKey, e.messageValues), locale);
  } catch (error) {
    if (error instanceof Refusal) return e.body;
    throw error;
  }
}

export const entryView = (e: TicketEntry, locale: Locale = DEFAULT_LOCALE) => ({
  id: e.id,
  kind: e.kind,
  direction: e.direction,
  body: bodyIn(e, locale),
  authorId: e.authorId ?? null,
  authorLabel: e.authorLabel,
  attachments: e.attachments,
  createdAt: e.createdAt,
});

/** Whose words an entry is: a public entry is our reply unless said to be the customer's. */
function directionOf(kind: TicketEntry['kind'], fromCustomer = false): EntryDirection {
  if (kind !== 'public') return 'internal';
  return fromCustomer ? 'from_customer' : 'to_customer';
}

/** What an entry's row and records need of its ticket. */
type TicketKey = Pick<Ticket, 'id' | 'number'>;

function entryRow(
  ticket: TicketKey,
  caller: TicketCaller,
  kind: TicketEntry['kind'],
  text: EntryText,
  attachments: TicketEntry['attachments'],
  direction: EntryDirection = directionOf(kind),
) {
  const message = typeof text === 'string' ? null : text;
  return {
    id: randomUUID(),
    ticketId: ticket.id,
    kind,
    direction,
    // Rendered in pt-BR once, for everything that reads the text as written (exports, the error sheet, mail).
    body: message ? renderHistoryMessage(message, DEFAULT_LOCALE) : (text as string),
    messageKey: message?.key ?? null,
    messageValues: (message?.values as Record<string, unknown> | undefined) ?? null,
    authorId: callerId(caller),
    authorLabel: callerLabel(caller),
    attachments,
    createdAt: new Date(),
  };
}

/** What a reply's event needs beyond the entry: who receives it and the thread it continues. */
export interface EntryThread {
  contactEmail: string | null;
  authorEmail: string | null;
  references: Array<{ system: string; id: string }>;
}

const NO_THREAD: EntryThread = { contactEmail: null, authorEmail: null, references: [] };

const THREAD = `
  select (select email from customer_contacts c where c.id = t.contact_id) as "contactEmail",
         (select email from users u where u.id = ?) as "authorEmail",
         coalesce((select json_agg(json_build_object('system', r.system, 'id', r.external_id) order by r.created_at, r.external_id)
                     from ticket_external_references r where r.ticket_id = t.id), '[]') as "references"
    from tickets t where t.id = ?`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A reply's text as HTML for mail: escaped, paragraphs and line breaks kept. */
export function replyHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
  return escaped
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * The audit record and event of an entry, whoever writes it: our reply (`ticket.reply_sent`; audit
 * action `ticket.replied`, which the SLA's first response reads), the customer's message
 * (`ticket.customer_wrote`) or an internal note.
 */
export function entryAdded(
  caller: TicketCaller,
  ticket: TicketKey,
  entry: TicketEntry,
  thread: EntryThread,
  externalReference: { system: string; id: string } | null = null,
): Change {
  const about = { ticketId: ticket.id, number: Number(ticket.number), entryId: entry.id };
  const record = {
    actor: caller,
    subjectType: 'ticket',
    subjectId: ticket.id,
    after: { entryId: entry.id, kind: entry.kind, direction: entry.direction, attachments: entry.attachments.length },
  };
  if (entry.direction === 'from_customer')
    return {
      ...record,
      action: 'ticket.customer_wrote',
      events: [
        domainEvent('ticket.customer_wrote', {
          ...about,
          text: entry.body,
          attachments: entry.attachments,
          externalReference,
        }),
      ],
    };
  if (entry.direction === 'internal')
    return {
      ...record,
      action: 'ticket.note_added',
      events: [domainEvent('ticket.note_added', { ...about, authorId: entry.authorId ?? null })],
    };
  const author = entry.authorId ? { id: entry.authorId, name: entry.authorLabel, email: thread.authorEmail } : null;
  return {
    ...record,
    action: 'ticket.replied',
    events: [
      domainEvent('ticket.reply_sent', {
        ...about,
        author,
        text: entry.body,
        html: replyHtml(entry.body),
        recipients: { to: thread.contactEmail ? [thread.contactEmail] : [], cc: [] },
        attachments: entry.attachments,
        references: thread.references,
      }),
    ],
  };
}

/** The trâmites of a ticket: public replies, internal notes and the system's own event lines. */
@Injectable()
export class TicketEntriesService {
  constructor(
    private readonly em: EntityManager,
    private readonly tickets: TicketsService,
    private readonly structures: SupportStructureService,
    private readonly actors: TicketActors,
    private readonly journal: ChangeJournal,
    private readonly hooks: TicketHooks,
  ) {}

  /**
   * `externalReference`: the reference an inbound message came with, carried by its
   * `ticket.customer_wrote` event. Called inside a transaction (a connector's inbound change), it
   * joins it rather than opening a savepoint: the caller owns the rollback.
   */
  async add(
    caller: TicketCaller,
    ticketId: string,
    input: EntryInput,
    externalReference: { system: string; id: string } | null = null,
  ) {
    const actor = await this.actors.resolve(caller);
    return this.em.transactional(
      async (tx) => {
        const ticket = await this.tickets.lock(tx, ticketId);
        if (input.kind === 'public' && !input.fromCustomer && actor) {
          const { structure } = await this.structures.active();
          const decision = decideTicketAction(structure, actor, 'reply_public', ticket);
          if (!decision.allowed) throw Refusal.forbidden(decision.reason);
        }
        const body =
          input.message ??
          (input.kind === 'public' && !input.fromCustomer
            ? await this.hooks.publicReplyText(ticket, input, caller)
            : input.body);
        const direction = directionOf(input.kind, input.fromCustomer);
        const entry = this.append(tx, ticket, caller, input.kind, body, input.attachments, direction);
        ticket.updatedAt = entry.createdAt;
        // Only our reply goes out to someone, so only it needs the thread's read.
        const thread = direction === 'to_customer' ? await this.thread(tx, entry) : NO_THREAD;
        const change = entryAdded(caller, ticket, entry, thread, externalReference);
        this.journal.record(change);
        await this.hooks.changed(tx, ticket, change.action, caller);
        return entryView(entry);
      },
      { propagation: TransactionPropagation.REQUIRED },
    );
  }

  /** A line in the ticket's history, written in the caller's transaction. */
  append(
    tx: EntityManager,
    ticket: Ticket,
    caller: TicketCaller,
    kind: TicketEntry['kind'],
    text: EntryText,
    attachments: TicketEntry['attachments'] = [],
    direction?: EntryDirection,
  ) {
    return tx.create(TicketEntrySchema, entryRow(ticket, caller, kind, text, attachments, direction));
  }

  /** One read for a reply's recipients and thread, in the entry's transaction. */
  async thread(tx: EntityManager, entry: TicketEntry): Promise<EntryThread> {
    const [row] = await tx.execute<EntryThread[]>(THREAD, [entry.authorId ?? null, entry.ticketId]);
    return row ?? NO_THREAD;
  }

  /** The same line for a ticket being created, as part of its combined write. */
  appendTo(
    write: CombinedWrite,
    ticket: Ticket,
    caller: TicketCaller,
    kind: TicketEntry['kind'],
    text: EntryText,
  ): void {
    write.insert(TicketEntrySchema, entryRow(ticket, caller, kind, text, []));
  }

  /**
   * A history line the statement picks from `texts` by `outcome` (SQL over the write's `first`):
   * the line for what a claim in the same statement found.
   */
  appendOneOf(
    write: CombinedWrite,
    ticket: TicketKey,
    caller: TicketCaller,
    kind: TicketEntry['kind'],
    outcome: string,
    texts: ReadonlyMap<string, EntryText>,
  ): void {
    const rows = [...texts].map(([key, text]) => [key, entryRow(ticket, caller, kind, text, [])] as const);
    const chosen = <K extends 'body' | 'messageKey' | 'messageValues'>(field: K) =>
      write.oneOf(outcome, new Map(rows.map(([key, row]) => [key, row[field]])));
    const [first] = rows;
    if (!first) return;
    write.insert(TicketEntrySchema, {
      ...first[1],
      body: chosen('body'),
      messageKey: chosen('messageKey'),
      messageValues: chosen('messageValues'),
    });
  }

  /**
   * An internal note on a ticket just created, with its audit record and event, as parts of a
   * combined write. A connector's note is no agent action: the SLA clock and the queue have nothing
   * to learn from it, so the change hooks are not run.
   */
  noteWith(
    write: CombinedWrite,
    ticket: TicketKey,
    caller: TicketCaller,
    text: EntryText,
    attachments: TicketEntry['attachments'],
  ): void {
    const entry = entryRow(ticket, caller, 'internal', text, attachments);
    write.insert(TicketEntrySchema, entry);
    this.journal.write(write, entryAdded(caller, ticket, entry as TicketEntry, NO_THREAD));
  }

  /** The history as `locale`'s reader reads it. */
  async list(ticketId: string, kinds?: TicketEntry['kind'][], locale: Locale = DEFAULT_LOCALE) {
    await this.tickets.get(ticketId);
    const entries = await this.em.find(
      TicketEntrySchema,
      { ticketId, ...(kinds ? { kind: { $in: kinds } } : {}) },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return entries.map((entry) => entryView(entry, locale));
  }
}
