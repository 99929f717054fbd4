import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Refusal, checkTake, orderQueue, waitingSince, type QueueOrder, type SkipReason } from '@escala/domain';
import { ChangeJournal } from '../audit/change-journal.js';
import { domainEvent } from '../audit/domain-event.js';
import { CombinedWrite } from '../persistence/combined-write.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.js';
import { SupportMembersService } from '../structure/support-members.service.js';
import { TicketHooks } from '../tickets/ticket-hooks.js';
import { assignTicket } from '../tickets/ticket-assignment.js';
import { TicketEntriesService } from '../tickets/ticket-entries.service.js';
import { takeoverStatusChange } from '../tickets/takeover-status.js';
import { ticketView } from '../tickets/ticket-view.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { PendingWorkReader } from './pending-work.js';
import { asQueuedTicket, QueueEntries } from './queue-entries.js';
import { QueueSettings } from './queue-settings.js';

const REASON_LABEL: Record<SkipReason, string> = {
  urgent: 'urgência',
  'leader-priority': 'prioridade marcada pelo líder',
  'customer-contacted-again': 'cliente entrou em contato novamente',
  'priority-email': 'e-mail de prioridade',
};

/** Next ticket and take-by-id under the playbook's queue discipline (docs/playbook.md §4.1–4.3). */
@Injectable()
export class QueueService {
  private readonly order: QueueOrder;

  constructor(
    private readonly em: EntityManager,
    private readonly entries: QueueEntries,
    private readonly pending: PendingWorkReader,
    private readonly members: SupportMembersService,
    private readonly tickets: TicketsService,
    private readonly ticketEntries: TicketEntriesService,
    private readonly hooks: TicketHooks,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
    settings: QueueSettings,
  ) {
    this.order = settings.order;
  }

  /** Claims the next ticket of the agent's tier/stage, or 409 with the pending items that block it. */
  async next(agent: Principal) {
    const unitKey = await this.unitOf(agent);
    return this.em.transactional(async (tx) => {
      await this.refuseWithPending(tx, agent);
      const claimed = await this.entries.claimNext(tx, unitKey, this.order);
      if (!claimed) return { ticket: null };
      return { ticket: await this.assign(tx, agent, claimed.ticketId, { reason: claimed.skipReason, passedOver: [] }) };
    });
  }

  /** Takes a chosen ticket: the next one, or one carrying a skip reason (recorded); otherwise 409 naming the one to take. */
  async take(agent: Principal, ticketId: string) {
    const unitKey = await this.unitOf(agent);
    return this.em.transactional(async (tx) => {
      await this.refuseWithPending(tx, agent);
      const queue = await this.entries.list(tx, unitKey);
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
      return { ticket: await this.assign(tx, agent, ticketId, { reason: chosen.skipReason, passedOver }) };
    });
  }

  /** The queue in the order it must be worked, with waiting times and skip reasons. */
  async view(unitKey: string) {
    const now = this.clock.now();
    const queue = await this.entries.list(this.em, unitKey);
    const byId = new Map(queue.map((entry) => [entry.ticketId, entry]));
    const items = orderQueue(queue.map(asQueuedTicket), this.order).map((ranked) => {
      const entry = byId.get(ranked.ticketId)!;
      return {
        ...ranked,
        number: entry.number,
        subject: entry.subject,
        openedAt: entry.openedAt,
        queuedAt: entry.queuedAt,
        waitingMs: now.getTime() - ranked.waitingSince.getTime(),
      };
    });
    return { unitKey, order: this.order, items };
  }

  private async unitOf(agent: Principal): Promise<string> {
    const unitKey = await this.members.unitOf(agent.userId);
    if (!unitKey)
      throw Refusal.forbidden('You are not placed in a tier/stage of the support structure, so you have no queue');
    return unitKey;
  }

  private async refuseWithPending(tx: EntityManager, agent: Principal): Promise<void> {
    const pending = await this.pending.of(tx, agent.userId, this.clock.now());
    if (pending.length === 0) return;
    throw Refusal.conflict('Resolve your pending items before taking a new ticket', {
      blocking: pending.map((item) => ({ ...item })),
    });
  }

  private async assign(
    tx: EntityManager,
    agent: Principal,
    ticketId: string,
    skip: { reason: SkipReason | null; passedOver: string[] },
  ) {
    const ticket = await this.tickets.lock(tx, ticketId);
    const previousAssigneeId = ticket.assigneeId ?? null;
    assignTicket(ticket, agent.userId, this.clock.now());
    // The reasons were for getting out of the queue; a ticket back in a queue later needs new ones.
    ticket.customerContactedAgain = false;
    ticket.priorityEmail = false;
    ticket.updatedAt = this.clock.now();
    const started = takeoverStatusChange(agent, ticket);
    const taken = skip.reason
      ? `Atendimento assumido antes dos mais antigos por ${agent.displayName} — motivo: ${REASON_LABEL[skip.reason]}`
      : `Atendimento assumido por ${agent.displayName} (próximo da fila)`;
    const line = taken + (started?.lineSuffix ?? '');
    // The history lines, audit records and events go in one statement; the unit of work writes the ticket.
    const write = new CombinedWrite(tx);
    this.ticketEntries.appendTo(write, ticket, agent, 'event', line);
    this.journal.write(write, {
      actor: agent,
      action: 'ticket.taken',
      subjectType: 'ticket',
      subjectId: ticketId,
      before: { assigneeId: previousAssigneeId },
      after: {
        assigneeId: agent.userId,
        unitKey: ticket.unitKey,
        skipReason: skip.reason,
        passedOver: skip.passedOver,
      },
      events: [
        domainEvent('ticket.assigned', {
          ticketId,
          number: Number(ticket.number),
          assigneeId: agent.userId,
          previousAssigneeId,
        }),
      ],
    });
    if (started) this.journal.write(write, started.change);
    await write.run();
    await this.hooks.changed(tx, ticket, 'ticket.taken', agent);
    return ticketView(ticket);
  }
}
