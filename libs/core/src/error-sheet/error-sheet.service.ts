import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Refusal, findUnit, historyMessage, mayAuthoriseErrorSheet } from '@escala/domain';
import { randomUUID } from 'node:crypto';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.service.js';
import { CustomerSchema, ErrorSheetRequestSchema, type ErrorSheetRequest } from '../persistence/entities/index.js';
import { SupportMembersService } from '../structure/support-members.service.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { TicketEntriesService } from '../tickets/ticket-entries.service.js';
import { TicketsService } from '../tickets/tickets.service.js';

const view = (r: ErrorSheetRequest) => ({
  id: r.id,
  ticketId: r.ticketId,
  description: r.description,
  status: r.status,
  requestedBy: r.requestedBy ?? null,
  requestedAt: r.requestedAt,
  authorisedBy: r.authorisedBy ?? null,
  authorisedAt: r.authorisedAt ?? null,
  declinedBy: r.declinedBy ?? null,
  declinedAt: r.declinedAt ?? null,
  declineReason: r.declineReason ?? null,
});

/**
 * docs/playbook.md §11: an agent asks to include a case in the Controle de Correção de Erros; a leader or an N2
 * agent authorises, which emits `error_sheet.authorised` for the Sheets connector to add the row.
 */
@Injectable()
export class ErrorSheetService {
  constructor(
    private readonly em: EntityManager,
    private readonly tickets: TicketsService,
    private readonly entries: TicketEntriesService,
    private readonly members: SupportMembersService,
    private readonly structures: SupportStructureService,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
  ) {}

  async list(status?: ErrorSheetRequest['status']) {
    const rows = await this.em.find(ErrorSheetRequestSchema, status ? { status } : {}, {
      orderBy: { requestedAt: 'asc', id: 'asc' },
    });
    return { items: rows.map(view) };
  }

  async request(caller: Principal, ticketId: string, description: string) {
    return this.em
      .transactional(async (tx) => {
        const ticket = await this.tickets.lock(tx, ticketId);
        const row = tx.create(ErrorSheetRequestSchema, {
          id: randomUUID(),
          ticketId,
          description,
          status: 'requested',
          requestedBy: caller.userId,
          requestedAt: this.clock.now(),
        });
        const payload = { requestId: row.id, ticketId, number: Number(ticket.number) };
        this.journal.record({
          actor: caller,
          action: 'error_sheet.requested',
          subjectType: 'ticket',
          subjectId: ticketId,
          after: view(row),
          events: [domainEvent('error_sheet.requested', payload)],
        });
        await tx.flush();
        return view(row);
      })
      .catch((error: unknown) => {
        if (error instanceof UniqueConstraintViolationException)
          throw Refusal.conflict('This case was already requested for the error-correction sheet');
        throw error;
      });
  }

  async authorise(caller: Principal, requestId: string) {
    await this.assertMayDecide(caller, 'authorise');
    return this.em.transactional(async (tx) => {
      const row = await this.undecided(tx, requestId);
      const ticket = await this.tickets.get(row.ticketId);
      const customer = await tx.findOne(CustomerSchema, { id: ticket.customerId });
      Object.assign(row, { status: 'authorised', authorisedBy: caller.userId, authorisedAt: this.clock.now() });
      const payload = {
        requestId: row.id,
        ticketId: ticket.id,
        number: Number(ticket.number),
        customer: { id: ticket.customerId, name: customer?.name ?? null },
        module: ticket.module ?? null,
        description: row.description,
        authorisedBy: { userId: caller.userId, displayName: caller.displayName },
        authorisedAt: row.authorisedAt!.toISOString(),
      };
      this.journal.record({
        actor: caller,
        action: 'error_sheet.authorised',
        subjectType: 'ticket',
        subjectId: ticket.id,
        after: view(row),
        events: [domainEvent('error_sheet.authorised', payload)],
      });
      await tx.flush();
      return view(row);
    });
  }

  /** The case stays out of the sheet; the agent reads why on the ticket and may put it forward again. */
  async decline(caller: Principal, requestId: string, reason: string) {
    await this.assertMayDecide(caller, 'decline');
    return this.em.transactional(async (tx) => {
      const row = await this.undecided(tx, requestId);
      const ticket = await this.tickets.lock(tx, row.ticketId);
      Object.assign(row, {
        status: 'declined',
        declinedBy: caller.userId,
        declinedAt: this.clock.now(),
        declineReason: reason,
      });
      this.entries.append(tx, ticket, caller, 'event', historyMessage('error-sheet.declined', { reason }));
      this.journal.record({
        actor: caller,
        action: 'error_sheet.declined',
        subjectType: 'ticket',
        subjectId: ticket.id,
        after: view(row),
        events: [
          domainEvent('error_sheet.declined', {
            requestId: row.id,
            ticketId: ticket.id,
            number: Number(ticket.number),
            reason,
            declinedBy: { userId: caller.userId, displayName: caller.displayName },
            declinedAt: row.declinedAt!.toISOString(),
          }),
        ],
      });
      await tx.flush();
      return view(row);
    });
  }

  private async assertMayDecide(caller: Principal, decision: 'authorise' | 'decline') {
    const unitKey = await this.members.unitOf(caller.userId);
    const { structure } = await this.structures.active();
    const tier = unitKey ? (findUnit(structure, unitKey)?.tier ?? null) : null;
    const verdict = mayAuthoriseErrorSheet({ roles: caller.roles, tier }, decision);
    if (!verdict.allowed) throw Refusal.forbidden(verdict.reason);
  }

  /** The request, locked, while nobody has decided on it; 409 naming the decision taken otherwise. */
  private async undecided(tx: EntityManager, requestId: string): Promise<ErrorSheetRequest> {
    const row = await tx.findOne(ErrorSheetRequestSchema, { id: requestId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) throw Refusal.notFound(`No error-sheet request with id ${requestId}`);
    if (row.status !== 'requested') throw Refusal.conflict(`This request is already ${row.status}`);
    return row;
  }
}
