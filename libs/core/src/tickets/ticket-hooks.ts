import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CombinedWrite } from '../persistence/combined-write.js';
import type { Ticket } from '../persistence/entities/index.js';
import type { EntryInput } from './ticket.schemas.js';
import type { TicketCaller } from './ticket-view.js';

/** Refuses a move to resolved/closed by throwing (e.g. a 409 naming what is missing). */
export type ClosureCheck = (tx: EntityManager, ticket: Ticket) => Promise<void>;
/** Runs before a new ticket is written; may tag it, or add history lines to its combined write. */
export type CreationCheck = (write: CombinedWrite, ticket: Ticket, caller: TicketCaller) => Promise<void>;
/** Returns the text a public entry is stored and sent with; `caller` tells our replies from a channel's inbound messages. */
export type PublicReplyFilter = (ticket: Ticket, reply: EntryInput, caller: TicketCaller) => Promise<string>;

/**
 * Where the playbook attaches its rules to the ticket lifecycle, so the ticket services need not know
 * them and the playbook module can depend on the tickets module (not the other way round).
 */
@Injectable()
export class TicketHooks {
  private readonly closureChecks: ClosureCheck[] = [];
  private readonly replyFilters: PublicReplyFilter[] = [];
  private readonly creationChecks: CreationCheck[] = [];

  onCreation(check: CreationCheck): void {
    this.creationChecks.push(check);
  }

  onClosure(check: ClosureCheck): void {
    this.closureChecks.push(check);
  }

  onPublicReply(filter: PublicReplyFilter): void {
    this.replyFilters.push(filter);
  }

  async beforeCreating(write: CombinedWrite, ticket: Ticket, caller: TicketCaller): Promise<void> {
    for (const check of this.creationChecks) await check(write, ticket, caller);
  }

  async beforeClosing(tx: EntityManager, ticket: Ticket): Promise<void> {
    for (const check of this.closureChecks) await check(tx, ticket);
  }

  async publicReplyText(ticket: Ticket, reply: EntryInput, caller: TicketCaller): Promise<string> {
    let body = reply.body;
    for (const filter of this.replyFilters) body = await filter(ticket, { ...reply, body }, caller);
    return body;
  }
}
