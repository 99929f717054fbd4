import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CombinedWrite } from '../persistence/combined-write.js';
import type { Ticket } from '../persistence/entities/index.js';
import type { TicketCaller } from './ticket-view.js';

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
/**
 * The same for a ticket being created: its rows added to the creation's single statement, from
 * what is known before it runs (the ticket has no history yet). The number PostgreSQL assigns is
 * `(select number from first)`.
 */
export type TicketCreationHook = (write: CombinedWrite, ticket: Ticket) => Promise<void>;

/**
 * Lets features that derive state from tickets (queue, SLA) run inside each ticket change's
 * transaction without the ticket services knowing them: they register here on start.
 */
@Injectable()
export class TicketChangeHooks {
  private readonly hooks: TicketChangeHook[] = [];
  private readonly creationHooks: TicketCreationHook[] = [];

  register(hook: TicketChangeHook, onCreation: TicketCreationHook): void {
    this.hooks.push(hook);
    this.creationHooks.push(onCreation);
  }

  /** Flushes the change first, so hooks reading the history see it. */
  async changed(tx: EntityManager, ticket: Ticket, action: string, caller: TicketCaller): Promise<void> {
    await tx.flush();
    for (const hook of this.hooks) await hook(tx, ticket, action, caller);
  }

  async created(write: CombinedWrite, ticket: Ticket): Promise<void> {
    for (const hook of this.creationHooks) await hook(write, ticket);
  }
}
