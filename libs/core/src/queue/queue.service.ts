import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Refusal, checkTake, waitingSince, type QueueOrder } from '@escala/domain';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.service.js';
import { PendingWorkReader } from './pending-work.service.js';
import { asQueuedTicket, claimNextCtes, QueueEntries } from './queue-entries.repository.js';
import { QueueSettings } from './queue-settings.js';
import { TicketTakeover } from './ticket-takeover.service.js';

/** Locks the chosen ticket so its status and holder are read at their latest before the take writes them. */
const CHOSEN_BY_ID = `chosen as (
  select t.id as ticket_id, ?::text as skip_reason, t.status as previous_status, t.assignee_id as previous_assignee_id
  from tickets t where t.id = ? for update)`;

/**
 * Next ticket and take-by-id under the playbook's queue discipline (docs/playbook.md §4.1–4.3):
 * the agent's desk (tier/stage and pending work) is read first, then the claim and the take commit together.
 */
@Injectable()
export class QueueService {
  private readonly order: QueueOrder;

  constructor(
    private readonly em: EntityManager,
    private readonly entries: QueueEntries,
    private readonly pending: PendingWorkReader,
    private readonly takeover: TicketTakeover,
    private readonly clock: Clock,
    settings: QueueSettings,
  ) {
    this.order = settings.order;
  }

  /**
   * Claims the next ticket of the agent's tier/stage, or 409 with the pending items that block it.
   * Two round trips: the desk, then the take (claim, assignment, history, audit, events) as one
   * statement, atomic without a transaction around it.
   */
  async next(agent: Principal) {
    const unitKey = await this.unitWithoutPending(agent);
    return { ticket: await this.takeover.take(this.em, agent, { ctes: claimNextCtes(this.order), params: [unitKey] }) };
  }

  /** Takes a chosen ticket: the next one, or one carrying a skip reason (recorded); otherwise 409 naming the one to take. */
  async take(agent: Principal, ticketId: string) {
    const unitKey = await this.unitWithoutPending(agent);
    return this.em.transactional(async (tx) => {
      const queue = await this.entries.takeCandidates(tx, unitKey, ticketId, this.order);
      const decision = checkTake(queue.map(asQueuedTicket), ticketId, this.order);
      if (decision.outcome === 'not-queued')
        throw Refusal.conflict(`Ticket ${ticketId} is not waiting in the ${unitKey} queue`);
      if (decision.outcome === 'refused') {
        const mustTake = queue.find((entry) => entry.ticketId === decision.mustTake);
        throw Refusal.conflict(
          `Tickets are taken oldest first: take ticket ${mustTake?.number} first, or choose one with a skip reason (urgent, customer contacted again, priority e-mail)`,
          { blocking: [{ kind: 'older-ticket', ticketId: decision.mustTake, ticketNumber: mustTake?.number }] },
        );
      }
      if (!(await this.entries.remove(tx, ticketId)))
        throw Refusal.conflict(`Ticket ${ticketId} was just taken by someone else`);
      const chosen = queue.find((entry) => entry.ticketId === ticketId)!;
      // A ticket with a reason jumps the older ones even when it is the next: they are recorded too.
      const passedOver =
        decision.outcome === 'skip'
          ? decision.passedOver
          : queue
              .filter(
                (entry) => chosen.skipReason && waitingSince(entry, this.order) < waitingSince(chosen, this.order),
              )
              .map((entry) => entry.ticketId);
      const ticket = await this.takeover.take(
        tx,
        agent,
        { ctes: CHOSEN_BY_ID, params: [chosen.skipReason, ticketId] },
        passedOver,
      );
      return { ticket };
    });
  }

  /** The agent's tier/stage, refusing one who has none or who owes pending items (in that order). */
  private async unitWithoutPending(agent: Principal): Promise<string> {
    const { unitKey, pending } = await this.pending.deskOf(this.em, agent.userId, this.clock.now());
    if (!unitKey)
      throw Refusal.forbidden('You are not placed in a tier/stage of the support structure, so you have no queue');
    if (pending.length > 0)
      throw Refusal.conflict('Resolve your pending items before taking a new ticket', {
        blocking: pending.map((item) => ({ ...item })),
      });
    return unitKey;
  }
}
