import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Refusal, decideTicketAction, ticketEvent } from '@escala/domain';
import { randomUUID } from 'node:crypto';
import { ChangeJournal, type Change } from '../audit/change-journal.js';
import type { CombinedWrite } from '../persistence/combined-write.js';
import { TicketEntrySchema, type Ticket, type TicketEntry } from '../persistence/entities/index.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { TicketActors } from './ticket-actors.service.js';
import { TicketHooks } from './ticket-hooks.js';
import type { EntryInput } from './ticket.schemas.js';
import { callerId, callerLabel, type TicketCaller } from './ticket-view.js';
import { TicketsService } from './tickets.service.js';
import { TicketChangeHooks } from './ticket-change-hooks.js';

export const entryView = (e: TicketEntry) => ({
  id: e.id,
  kind: e.kind,
  body: e.body,
  authorId: e.authorId ?? null,
  authorLabel: e.authorLabel,
  attachments: e.attachments,
  createdAt: e.createdAt,
});

function entryRow(
  ticket: Ticket,
  caller: TicketCaller,
  kind: TicketEntry['kind'],
  body: string,
  attachments: TicketEntry['attachments'],
) {
  return {
    id: randomUUID(),
    ticketId: ticket.id,
    kind,
    body,
    authorId: callerId(caller),
    authorLabel: callerLabel(caller),
    attachments,
    createdAt: new Date(),
  };
}

/**
 * The audit record and event of a reply (`ticket.replied`, which the SLA's first response reads) or
 * an internal note, whoever writes it.
 */
export function entryAdded(caller: TicketCaller, ticket: Ticket, entry: TicketEntry) {
  const payload = { ticketId: ticket.id, number: Number(ticket.number), entryId: entry.id, authorId: callerId(caller) };
  const replied = entry.kind === 'public';
  return {
    actor: caller,
    action: replied ? 'ticket.replied' : 'ticket.note_added',
    subjectType: 'ticket',
    subjectId: ticket.id,
    after: { entryId: entry.id, kind: entry.kind, attachments: entry.attachments.length },
    events: [replied ? ticketEvent('ticket.replied', payload) : ticketEvent('ticket.note_added', payload)],
  } satisfies Change;
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
    private readonly hooks: TicketChangeHooks,
    private readonly ruleHooks: TicketHooks,
  ) {}

  async add(caller: TicketCaller, ticketId: string, input: EntryInput) {
    const actor = await this.actors.resolve(caller);
    return this.em.transactional(async (tx) => {
      const ticket = await this.tickets.lock(tx, ticketId);
      if (input.kind === 'public' && actor) {
        const { structure } = await this.structures.active();
        const decision = decideTicketAction(structure, actor, 'reply_public', ticket);
        if (!decision.allowed) throw Refusal.forbidden(decision.reason);
      }
      const body = input.kind === 'public' ? await this.ruleHooks.publicReplyText(ticket, input, caller) : input.body;
      const entry = this.append(tx, ticket, caller, input.kind, body, input.attachments);
      ticket.updatedAt = entry.createdAt;
      const change = entryAdded(caller, ticket, entry);
      this.journal.record(change);
      await this.hooks.changed(tx, ticket, change.action, caller);
      return entryView(entry);
    });
  }

  /** A system event line in the ticket's history, written in the caller's transaction. */
  append(
    tx: EntityManager,
    ticket: Ticket,
    caller: TicketCaller,
    kind: TicketEntry['kind'],
    body: string,
    attachments: TicketEntry['attachments'] = [],
  ) {
    return tx.create(TicketEntrySchema, entryRow(ticket, caller, kind, body, attachments));
  }

  /** The same line for a ticket being created, as part of its combined write. */
  appendTo(write: CombinedWrite, ticket: Ticket, caller: TicketCaller, kind: TicketEntry['kind'], body: string): void {
    write.insert(TicketEntrySchema, entryRow(ticket, caller, kind, body, []));
  }

  async list(ticketId: string, kinds?: TicketEntry['kind'][]) {
    await this.tickets.get(ticketId);
    const entries = await this.em.find(
      TicketEntrySchema,
      { ticketId, ...(kinds ? { kind: { $in: kinds } } : {}) },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return entries.map(entryView);
  }
}
