import { Injectable } from '@nestjs/common';
import { domainEvent } from '../../audit/domain-event.js';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Refusal,
  decidePriorityRequest,
  DEFAULT_LOCALE,
  findUnit,
  PRIORITY_TAG,
  historyMessage,
  requestPriority,
  type PriorityRequest,
} from '@escala/domain';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { PriorityRequestSchema, type PriorityRequestRow, type Ticket } from '../../persistence/entities/index.js';
import { TicketClockEvents } from '../../sla/ticket-clock-events.repository.js';
import { SupportStructureService } from '../../structure/support-structure.service.js';
import { callerLabel } from '../../tickets/ticket-view.js';
import { PlaybookTemplatesService } from '../templates/playbook-templates.service.js';
import { TicketPlaybookStore } from '../ticket-playbook.repository.js';
import type { PriorityDecisionBody, PriorityRequestBody } from './priority.schemas.js';

const domainOf = (row: PriorityRequestRow): PriorityRequest => ({
  kind: row.kind,
  requestedBy: row.requestedBy ?? '',
  requestedAt: row.requestedAt,
  justification: row.justification,
  devRequestRef: row.devRequestRef ?? null,
  status: row.status,
  decidedBy: row.decidedBy ?? null,
  decidedAt: row.decidedAt ?? null,
  declineReason: row.declineReason ?? null,
});
const view = (row: PriorityRequestRow) => ({ id: row.id, ticketId: row.ticketId, ...domainOf(row) });

/** docs/playbook.md §9 ("senso de prioridade"): agents ask, leaders approve or decline; both audited, in the ticket's history. */
@Injectable()
export class PriorityRequestsService {
  constructor(
    private readonly em: EntityManager,
    private readonly store: TicketPlaybookStore,
    private readonly structures: SupportStructureService,
    private readonly templates: PlaybookTemplatesService,
    private readonly clockEvents: TicketClockEvents,
  ) {}

  async list(ticketId: string) {
    await this.store.read(ticketId);
    return {
      items: (
        await this.em.find(PriorityRequestSchema, { ticketId }, { orderBy: { requestedAt: 'asc', id: 'asc' } })
      ).map(view),
    };
  }

  async request(caller: Principal, ticketId: string, input: z.infer<typeof PriorityRequestBody>) {
    return this.store.change(caller, ticketId, 'ticket.priority_requested', async ({ tx, ticket, now }) => {
      const request = requestPriority({
        ...input,
        requestedBy: caller.userId,
        at: now,
        involvedTiers: await this.involvedTiers(tx, ticket),
      });
      const row = tx.create(PriorityRequestSchema, { id: randomUUID(), ticketId, ...request });
      const key = request.kind === 'ticket-priority' ? 'priority.request.ticket' : 'priority.request.dev-request';
      const note = await this.templates.render(key, DEFAULT_LOCALE, {
        ticketNumber: Number(ticket.number),
        requesterName: callerLabel(caller),
        justification: request.justification,
        devRequestRef: request.devRequestRef ?? '',
      });
      return {
        result: view(row),
        after: view(row),
        events: [
          domainEvent('ticket.priority_requested', {
            ticketId,
            number: Number(ticket.number),
            requestId: row.id,
            kind: request.kind,
            unitKey: ticket.unitKey,
          }),
        ],
        entries: [{ kind: 'internal' as const, text: note }],
      };
    });
  }

  async decide(caller: Principal, requestId: string, input: z.infer<typeof PriorityDecisionBody>) {
    const found = await this.em.findOne(PriorityRequestSchema, { id: requestId });
    if (!found) throw Refusal.notFound(`No priority request with id ${requestId}`);
    return this.store.change(caller, found.ticketId, 'ticket.priority_decided', async ({ tx, ticket, now }) => {
      const row = (await tx.findOne(PriorityRequestSchema, { id: requestId }))!;
      const before = view(row);
      const decided = decidePriorityRequest(domainOf(row), {
        ...input,
        by: caller.userId,
        roles: caller.roles,
        at: now,
      });
      tx.assign(row, {
        status: decided.status,
        decidedBy: caller.userId,
        decidedAt: now,
        declineReason: decided.declineReason,
      });
      if (decided.status === 'approved' && decided.kind === 'ticket-priority' && !ticket.tags.includes(PRIORITY_TAG))
        ticket.tags = [...ticket.tags, PRIORITY_TAG];
      const by = callerLabel(caller);
      const verdict =
        decided.status === 'approved'
          ? historyMessage('priority.approved', { kind: decided.kind, by })
          : historyMessage('priority.declined', { kind: decided.kind, reason: decided.declineReason ?? '', by });
      return {
        result: view(row),
        after: { requestId, before: before.status, status: decided.status, declineReason: decided.declineReason },
        events: [
          domainEvent(decided.status === 'approved' ? 'ticket.priority_approved' : 'ticket.priority_declined', {
            ticketId: ticket.id,
            number: Number(ticket.number),
            requestId,
            kind: decided.kind,
            devRequestRef: decided.devRequestRef,
          }),
        ],
        entries: [{ text: verdict }],
      };
    });
  }

  /** Tiers that held the ticket: where it is now, where it was created and every unit it was escalated to. */
  private async involvedTiers(tx: EntityManager, ticket: Ticket): Promise<string[]> {
    const { structure } = await this.structures.active();
    const units = new Set([ticket.unitKey, ...(await this.clockEvents.unitsOf(tx, ticket.id))]);
    return [...units].map((key) => findUnit(structure, key)?.tier).filter((tier): tier is string => !!tier);
  }
}
