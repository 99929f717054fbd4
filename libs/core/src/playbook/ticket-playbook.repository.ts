import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ChangeJournal } from '../audit/change-journal.service.js';
import type { DomainEventDraft } from '../audit/domain-event.js';
import { Clock } from '../clock/clock.service.js';
import { TicketPlaybookSchema, type Ticket, type TicketPlaybook } from '../persistence/entities/index.js';
import { TicketHooks } from '../tickets/ticket-hooks.service.js';
import {
  entryAdded,
  TicketEntriesService,
  type EntryText,
  type EntryThread,
} from '../tickets/ticket-entries.service.js';
import type { TicketCaller } from '../tickets/ticket-view.js';
import { TicketsService } from '../tickets/tickets.service.js';

export interface PlaybookStep {
  tx: EntityManager;
  ticket: Ticket;
  record: TicketPlaybook;
  now: Date;
}

export interface PlaybookOutcome<T> {
  result: T;
  /** What the audit record shows as the change. */
  after: Record<string, unknown>;
  events?: readonly DomainEventDraft[];
  /**
   * Lines added to the ticket history: system events by default, internal or public (announced as
   * `ticket.reply_sent`) when said; a system line is a message of the history catalogue.
   */
  entries?: readonly { kind?: 'event' | 'internal' | 'public'; text: EntryText }[];
}

/**
 * One playbook change on a ticket: locks the ticket, loads (or starts) its playbook record, applies the
 * rule, and writes the history lines, the audit record and the outbox events in the same transaction.
 */
@Injectable()
export class TicketPlaybookStore {
  constructor(
    private readonly em: EntityManager,
    private readonly tickets: TicketsService,
    private readonly entries: TicketEntriesService,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
    private readonly hooks: TicketHooks,
  ) {}

  async read(ticketId: string): Promise<{ ticket: Ticket; record: TicketPlaybook | null }> {
    const ticket = await this.tickets.get(ticketId);
    return { ticket, record: await this.em.findOne(TicketPlaybookSchema, { ticketId }) };
  }

  /** The record in the caller's transaction, created empty on first use; the ticket must be locked. */
  async recordOf(tx: EntityManager, ticketId: string): Promise<TicketPlaybook> {
    const existing = await tx.findOne(TicketPlaybookSchema, { ticketId });
    return existing ?? tx.create(TicketPlaybookSchema, { ticketId, updatedAt: this.clock.now() });
  }

  change<T>(
    caller: TicketCaller,
    ticketId: string,
    action: string,
    apply: (step: PlaybookStep) => Promise<PlaybookOutcome<T>>,
  ): Promise<T> {
    return this.em.transactional(async (tx) => {
      const ticket = await this.tickets.lock(tx, ticketId);
      const record = await this.recordOf(tx, ticketId);
      const now = this.clock.now();
      const outcome = await apply({ tx, ticket, record, now });
      record.updatedAt = now;
      ticket.updatedAt = now;
      this.journal.record({
        actor: caller,
        action,
        subjectType: 'ticket',
        subjectId: ticketId,
        after: outcome.after,
        events: outcome.events ?? [],
      });
      let replied = false;
      let thread: EntryThread | undefined;
      for (const line of outcome.entries ?? []) {
        const entry = this.entries.append(tx, ticket, caller, line.kind ?? 'event', line.text);
        if (entry.kind !== 'public') continue;
        // A reply to the customer is a reply whoever wrote it: the SLA's first response reads it from the trail.
        replied = true;
        thread ??= await this.entries.thread(tx, entry);
        this.journal.record(entryAdded(caller, ticket, entry, thread));
      }
      // The queue and SLA derive from the ticket (URGENTE, PRIORIDADE tags, replies): they follow in this transaction.
      await this.hooks.changed(tx, ticket, replied ? 'ticket.replied' : action, caller);
      await tx.flush();
      return outcome.result;
    });
  }
}
