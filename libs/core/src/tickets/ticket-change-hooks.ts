import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Ticket } from '../persistence/entities/index.js';

/** Work that must commit with every ticket change, e.g. keeping the queue entry and the SLA timers in step. */
export type TicketChangeHook = (tx: EntityManager, ticket: Ticket) => Promise<void>;

/**
 * Lets features that derive state from tickets (queue, SLA) run inside each ticket change's
 * transaction without the ticket services knowing them: they register here on start.
 */
@Injectable()
export class TicketChangeHooks {
  private readonly hooks: TicketChangeHook[] = [];

  register(hook: TicketChangeHook): void {
    this.hooks.push(hook);
  }

  /** Flushes the change first, so hooks reading the history see it. */
  async changed(tx: EntityManager, ticket: Ticket): Promise<void> {
    await tx.flush();
    for (const hook of this.hooks) await hook(tx, ticket);
  }
}
