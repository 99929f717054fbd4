import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CombinedWrite } from '../persistence/combined-write.js';
import type { Ticket } from '../persistence/entities/index.js';
import type { EntryInput } from './ticket.schemas.js';
import type { TicketCaller } from './ticket-view.js';

/** Runs before a new ticket is written; may tag it, or add history lines to its combined write. */
export type CreationCheck = (write: CombinedWrite, ticket: Ticket, caller: TicketCaller) => Promise<void>;
/**
 * Adds a new ticket's derived rows (queue entry, SLA timers) to the creation's single statement, from
 * what is known before it runs (the ticket has no history yet). The number PostgreSQL assigns is
 * `(select number from first)`.
 */
export type TicketCreationHook = (write: CombinedWrite, ticket: Ticket) => Promise<void>;
/**
 * Work that must commit with every ticket change, e.g. keeping the queue entry and the SLA timers
 * in step; `action` is the change's audit action, so a hook can tell at once whether it matters,
 * and `caller` who made it (the SLA's first response is met by a person's reply only).
 */
export type TicketChangeHook = (
  tx: EntityManager,
  ticket: Ticket,
  action: string,
  caller: TicketCaller,
) => Promise<void>;
/** Refuses a move to resolved/closed by throwing (e.g. a 409 naming what is missing). */
export type ClosureCheck = (tx: EntityManager, ticket: Ticket) => Promise<void>;
/** Returns the text a public entry is stored and sent with; `caller` tells our replies from a channel's inbound messages. */
export type PublicReplyFilter = (ticket: Ticket, reply: EntryInput, caller: TicketCaller) => Promise<string>;

/**
 * The one place features attach to the ticket lifecycle (playbook rules, queue, SLA), so the ticket
 * services need not know them and those modules can depend on the tickets module (not the other way
 * round). Features register on start; the ticket services run the hooks inside each change's transaction.
 */
@Injectable()
export class TicketHooks {
  private readonly creationChecks: CreationCheck[] = [];
  private readonly creationHooks: TicketCreationHook[] = [];
  private readonly changeHooks: { hook: TicketChangeHook; ignores: (action: string) => boolean }[] = [];
  private readonly closureChecks: ClosureCheck[] = [];
  private readonly replyFilters: PublicReplyFilter[] = [];

  onCreation(check: CreationCheck): void {
    this.creationChecks.push(check);
  }

  onCreated(hook: TicketCreationHook): void {
    this.creationHooks.push(hook);
  }

  /** `ignores` names the actions the hook has nothing to do for, so they need not run it. */
  onChange(hook: TicketChangeHook, ignores: (action: string) => boolean = () => false): void {
    this.changeHooks.push({ hook, ignores });
  }

  /** Whether some change hook runs for `action`. */
  listensTo(action: string): boolean {
    return this.changeHooks.some(({ ignores }) => !ignores(action));
  }

  onClosure(check: ClosureCheck): void {
    this.closureChecks.push(check);
  }

  onPublicReply(filter: PublicReplyFilter): void {
    this.replyFilters.push(filter);
  }

  /** Runs before the ticket's row is added to the write, so a check may still change the ticket. */
  async beforeCreating(write: CombinedWrite, ticket: Ticket, caller: TicketCaller): Promise<void> {
    for (const check of this.creationChecks) await check(write, ticket, caller);
  }

  async created(write: CombinedWrite, ticket: Ticket): Promise<void> {
    for (const hook of this.creationHooks) await hook(write, ticket);
  }

  /** Flushes the change first, so hooks reading the history see it. */
  async changed(tx: EntityManager, ticket: Ticket, action: string, caller: TicketCaller): Promise<void> {
    await tx.flush();
    for (const { hook, ignores } of this.changeHooks) if (!ignores(action)) await hook(tx, ticket, action, caller);
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
