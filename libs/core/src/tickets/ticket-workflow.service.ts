import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Refusal,
  checkEscalation,
  checkTransition,
  decideTicketAction,
  findUnit,
  historyMessage,
  type SupportStructure,
  type TicketStatus,
} from '@escala/domain';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { rethrowAsBadInput } from './ticket-input-errors.js';
import { takeoverStatusChange } from './takeover-status.js';
import { TicketActors } from './ticket-actors.service.js';
import { TicketHooks } from './ticket-hooks.service.js';
import { TicketEntriesService } from './ticket-entries.service.js';
import { ticketView, type TicketCaller } from './ticket-view.js';
import { TicketsService } from './tickets.service.js';
import { assignTicket } from './ticket-assignment.js';

/** A unit as a history line shows it: by its name, the key kept beside it (a unit gone from the structure shows its key). */
function unitLabel(structure: SupportStructure, key: string) {
  return { key, name: findUnit(structure, key)?.name ?? key };
}

/** Status changes and escalation: the moves whose legality the domain decides. */
@Injectable()
export class TicketWorkflowService {
  constructor(
    private readonly em: EntityManager,
    private readonly tickets: TicketsService,
    private readonly entries: TicketEntriesService,
    private readonly structures: SupportStructureService,
    private readonly actors: TicketActors,
    private readonly journal: ChangeJournal,
    private readonly hooks: TicketHooks,
  ) {}

  changeStatus(caller: TicketCaller, id: string, to: TicketStatus, reason?: string) {
    return this.em.transactional(async (tx) => {
      const ticket = await this.tickets.lock(tx, id);
      const from = ticket.status;
      const outcome = checkTransition(from, to);
      if (!outcome.ok) throw Refusal.conflict(outcome.reason, { allowed: outcome.allowed });
      if (to === 'resolved' || to === 'closed') await this.hooks.beforeClosing(tx, ticket);
      ticket.status = to;
      ticket.updatedAt = new Date();
      this.entries.append(tx, ticket, caller, 'event', historyMessage('ticket.status-changed', { from, to, reason }));
      this.journal.record({
        actor: caller,
        action: 'ticket.status_changed',
        subjectType: 'ticket',
        subjectId: id,
        before: { status: from },
        after: { status: to, ...(reason ? { reason } : {}) },
        events: [domainEvent('ticket.status_changed', { ticketId: id, number: Number(ticket.number), from, to })],
      });
      await this.hooks.changed(tx, ticket, 'ticket.status_changed', caller);
      return ticketView(ticket);
    });
  }

  /**
   * Moves a ticket along a configured escalation path. Leaving the SPOC unit (N1 in preset n1-n5)
   * makes the N1 agent who had it the ticket's SPOC, so N1 keeps following it (docs/playbook.md §10.2).
   */
  async escalate(
    caller: TicketCaller,
    id: string,
    input: { toUnit: string; reason: string; assigneeId: string | null },
  ) {
    const actor = await this.actors.resolve(caller);
    const { version, structure } = await this.structures.active();
    if (!findUnit(structure, input.toUnit)) {
      throw Refusal.invalid(
        'toUnit',
        `unknown unit "${input.toUnit}"; known: ${structure.units.map((u) => u.key).join(', ')}`,
      );
    }
    return this.em
      .transactional(async (tx) => {
        const ticket = await this.tickets.lock(tx, id);
        if (actor) {
          const decision = decideTicketAction(structure, actor, 'escalate', ticket);
          if (!decision.allowed) throw Refusal.forbidden(decision.reason);
        }
        const path = checkEscalation(structure, ticket.unitKey, input.toUnit);
        if (!path.ok) throw Refusal.conflict(path.reason, { allowed: path.allowed });
        const before = {
          unitKey: ticket.unitKey,
          assigneeId: ticket.assigneeId ?? null,
          spocId: ticket.spocId ?? null,
          structureVersion: ticket.structureVersion,
        };
        if (ticket.unitKey === structure.spocUnit && !ticket.spocId) {
          ticket.spocId = ticket.assigneeId ?? (actor?.unitKey === structure.spocUnit ? actor.userId : null);
        }
        ticket.unitKey = input.toUnit;
        assignTicket(ticket, input.assigneeId, new Date());
        ticket.structureVersion = version;
        ticket.updatedAt = new Date();
        const after = {
          unitKey: ticket.unitKey,
          assigneeId: ticket.assigneeId,
          spocId: ticket.spocId ?? null,
          structureVersion: version,
        };
        // Named on the escalation, the new assignee takes the ticket over as a take from the queue would.
        const started = input.assigneeId ? takeoverStatusChange(caller, ticket) : null;
        this.entries.append(
          tx,
          ticket,
          caller,
          'event',
          historyMessage('ticket.escalated', {
            fromUnit: unitLabel(structure, before.unitKey),
            toUnit: unitLabel(structure, input.toUnit),
            reason: input.reason,
            from: started?.from,
            to: started?.to,
          }),
        );
        this.journal.record({
          actor: caller,
          action: 'ticket.escalated',
          subjectType: 'ticket',
          subjectId: id,
          before,
          after: { ...after, reason: input.reason },
          events: [
            domainEvent('ticket.escalated', {
              ticketId: id,
              number: Number(ticket.number),
              fromUnit: before.unitKey,
              toUnit: input.toUnit,
              reason: input.reason,
              spocId: after.spocId,
            }),
          ],
        });
        if (started) this.journal.record(started.change);
        await this.hooks.changed(tx, ticket, 'ticket.escalated', caller);
        return ticketView(ticket);
      })
      .catch(rethrowAsBadInput);
  }
}
