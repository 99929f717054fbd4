import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { findUnit, Refusal, routeByCategory, URGENT_TAG } from '@escala/domain';
import { randomUUID } from 'node:crypto';
import { ChangeJournal, diff } from '../audit/change-journal.service.js';
import { domainEvent, type DomainEventDraft } from '../audit/domain-event.js';
import { CombinedWrite } from '../persistence/combined-write.js';
import { rethrowAsBadInput } from './ticket-input-errors.js';
import { TicketSchema, type Ticket } from '../persistence/entities/index.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import type { AnalysisInput, CreateTicketInput, ExternalTicketFields, UpdateTicketInput } from './ticket.schemas.js';
import { callerId, ticketView, type TicketCaller } from './ticket-view.js';
import { TicketHooks } from './ticket-hooks.service.js';
import { assignTicket } from './ticket-assignment.js';

/** Creating, reading and editing tickets; routing under the active support structure on creation. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly em: EntityManager,
    private readonly structures: SupportStructureService,
    private readonly journal: ChangeJournal,
    private readonly hooks: TicketHooks,
  ) {}

  /**
   * Routes the ticket under the active structure and writes it with everything it causes — its
   * first history lines, audit record, events, queue entry and SLA timers — as one statement.
   * `placedIn`: a unit a person chose for it (triage), instead of the one its category routes to.
   */
  async create(caller: TicketCaller, input: CreateTicketInput, placedIn?: string) {
    const { version, structure } = await this.structures.active();
    const routed = routeByCategory(structure, input.category);
    if (!routed.ok) throw Refusal.invalid('category', routed.reason);
    if (placedIn && !findUnit(structure, placedIn))
      throw Refusal.invalid('unitKey', `${placedIn} is not a unit of the active support structure`);
    const now = new Date();
    const ticket: Ticket = {
      ...input,
      id: randomUUID(),
      number: null,
      status: 'new',
      unitKey: placedIn ?? routed.unitKey,
      structureVersion: version,
      spocId: null,
      technicalAnalysis: null,
      priorityEmail: false,
      customerContactedAgain: false,
      devRequestReference: null,
      fixVersion: null,
      externalStatus: null,
      externalNote: null,
      assignedAt: input.assigneeId ? now : null,
      createdBy: callerId(caller),
      createdAt: now,
      updatedAt: now,
    };
    const write = new CombinedWrite(this.em);
    await this.hooks.beforeCreating(write, ticket, caller);
    const { number: _assigned, ...columns } = ticket;
    write.insertFirst(TicketSchema, columns, ['number']);
    const { number: _, ...view } = ticketView(ticket);
    const created = domainEvent('ticket.created', {
      ticketId: ticket.id,
      number: 0,
      unitKey: ticket.unitKey,
      category: ticket.category,
      channel: ticket.channel,
      customerId: ticket.customerId,
      structureVersion: version,
      subject: ticket.subject,
      tags: ticket.tags,
    });
    const events = [created, ...urgentEvents(ticket, [])];
    // Every `number` in the audit record and the events is the one PostgreSQL assigns in the same statement.
    this.journal.write(
      write,
      { actor: caller, action: 'ticket.created', subjectType: 'ticket', subjectId: ticket.id, after: view, events },
      (value) => write.withFirst(value, { number: 'number' }),
    );
    await this.hooks.created(write, ticket);
    const [row] = await write.run<{ number: string }>().catch(rethrowAsBadInput);
    return ticketView({ ...ticket, number: Number(row?.number) });
  }

  async get(id: string): Promise<Ticket> {
    const ticket = await this.em.findOne(TicketSchema, { id });
    if (!ticket) throw Refusal.notFound(`No ticket with id ${id}`);
    return ticket;
  }

  /** Loads a ticket for a change, locking its row until the surrounding transaction ends. */
  async lock(tx: EntityManager, id: string): Promise<Ticket> {
    const ticket = await tx.findOne(TicketSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!ticket) throw Refusal.notFound(`No ticket with id ${id}`);
    return ticket;
  }

  /** People edit through the API's fields; connectors may also set the fields an outside tool owns. */
  update(caller: TicketCaller, id: string, input: UpdateTicketInput | ExternalTicketFields) {
    return this.change(caller, id, 'ticket.updated', (ticket, tx) => {
      if (!('assigneeId' in input)) return tx.assign(ticket, input);
      const { assigneeId, ...fields } = input;
      tx.assign(ticket, fields);
      if (assigneeId !== undefined) assignTicket(ticket, assigneeId, new Date());
    });
  }

  recordAnalysis(caller: TicketCaller, id: string, input: AnalysisInput) {
    const recordedBy = 'userId' in caller ? caller.login : `system:${caller.system}`;
    return this.change(caller, id, 'ticket.analysis_recorded', (ticket) => {
      ticket.technicalAnalysis = { ...input, recordedBy, recordedAt: new Date().toISOString() };
    });
  }

  private async change(
    caller: TicketCaller,
    id: string,
    action: string,
    apply: (ticket: Ticket, tx: EntityManager) => void,
  ) {
    return this.em
      .transactional(async (tx) => {
        const ticket = await this.lock(tx, id);
        const { updatedAt: _, ...before } = ticketView(ticket);
        apply(ticket, tx);
        ticket.updatedAt = new Date();
        const { updatedAt: __, ...after } = ticketView(ticket);
        const { before: changedBefore, after: changedAfter } = diff(before, after);
        const changed = Object.keys(changedAfter);
        const events: DomainEventDraft[] = [
          domainEvent('ticket.updated', { ticketId: id, number: after.number, changed }),
          ...urgentEvents(ticket, before.tags),
        ];
        if ('assigneeId' in changedAfter) {
          events.push(
            domainEvent('ticket.assigned', {
              ticketId: id,
              number: after.number,
              assigneeId: after.assigneeId,
              previousAssigneeId: before.assigneeId,
            }),
          );
        }
        this.journal.record({
          actor: caller,
          action,
          subjectType: 'ticket',
          subjectId: id,
          before: changedBefore,
          after: changedAfter,
          events,
        });
        await this.hooks.changed(tx, ticket, action, caller);
        return ticketView(ticket);
      })
      .catch(rethrowAsBadInput);
  }
}

/** Someone added the tag URGENTE by hand: the alert goes out without the playbook's declaration. */
function urgentEvents(ticket: Ticket, previousTags: readonly string[]): DomainEventDraft[] {
  if (!ticket.tags.includes(URGENT_TAG) || previousTags.includes(URGENT_TAG)) return [];
  return [domainEvent('ticket.urgent', { ticketId: ticket.id, number: Number(ticket.number), declaration: null })];
}
