import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { findUnit, historyMessage, Refusal } from '@escala/domain';
import { ChangeJournal } from '../audit/change-journal.service.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.service.js';
import { CustomersService } from '../customers/customers.service.js';
import {
  CustomerContactSchema,
  SupportMemberSchema,
  TicketExternalReferenceSchema,
  TicketSchema,
  UserSchema,
} from '../persistence/entities/index.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { systemLine, TicketEntriesService } from '../tickets/ticket-entries.service.js';
import { TicketsService } from '../tickets/tickets.service.js';
import type { TriageItem } from './triage-items.repository.js';
import type { RedirectTriageInput } from './triage.schemas.js';
import { escapeLike } from '../persistence/escape-like.js';

type NewTicketTarget = Exclude<RedirectTriageInput, { to: 'ticket' }>;

/**
 * Where a redirected mail lands, in the caller's transaction: the customer's message on a ticket,
 * or a new ticket in the unit (or with the person) the member chose, and the mail's Message-ID
 * linked to it so the sender's next mail threads there.
 */
@Injectable()
export class TriageLanding {
  constructor(
    private readonly em: EntityManager,
    private readonly tickets: TicketsService,
    private readonly entries: TicketEntriesService,
    private readonly customers: CustomersService,
    private readonly structures: SupportStructureService,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
  ) {}

  async land(
    caller: Principal,
    item: TriageItem,
    target: RedirectTriageInput,
  ): Promise<{ id: string; number: number }> {
    const ticket =
      target.to === 'ticket' ? await this.onTicket(caller, item, target) : await this.newTicket(caller, item, target);
    if (item.externalReference) await this.link(caller, item, ticket.id);
    return ticket;
  }

  /** The mail becomes what the customer wrote on that ticket, as if it had threaded there by itself. */
  private async onTicket(caller: Principal, item: TriageItem, target: Extract<RedirectTriageInput, { to: 'ticket' }>) {
    const ticket = await this.targetTicket(target);
    await this.entries.add(
      caller,
      ticket.id,
      { kind: 'public', fromCustomer: true, body: item.body, attachments: item.attachments },
      item.externalReference,
    );
    return { id: ticket.id, number: Number(ticket.number) };
  }

  private async targetTicket({ ticketId, ticketNumber }: { ticketId?: string; ticketNumber?: number }) {
    if ((ticketId === undefined) === (ticketNumber === undefined))
      throw Refusal.invalid('ticketId', 'name the ticket by ticketId or by ticketNumber, one of them');
    const ticket = await this.em.findOne(TicketSchema, ticketId ? { id: ticketId } : { number: ticketNumber });
    if (!ticket)
      throw Refusal.invalid(ticketId ? 'ticketId' : 'ticketNumber', `no ticket ${ticketId ?? `#${ticketNumber}`}`);
    return ticket;
  }

  private async newTicket(caller: Principal, item: TriageItem, target: NewTicketTarget) {
    const { structure } = await this.structures.active();
    const unitKey = target.to === 'unit' ? target.unitKey : await this.unitOf(target.assigneeId);
    const unit = findUnit(structure, unitKey);
    if (!unit) throw Refusal.invalid('unitKey', `${unitKey} is not a unit of the active support structure`);
    const category = target.category ?? item.category ?? unit.categories[0];
    if (!category) throw Refusal.invalid('category', `choose a category: ${unit.key} receives none by itself`);
    await this.customers.find(target.customerId).catch(() => {
      throw Refusal.invalid('customerId', `no customer with id ${target.customerId}`);
    });
    const ticket = await this.tickets.create(
      caller,
      {
        customerId: target.customerId,
        contactId: await this.contactFor(caller, item, target),
        channel: 'email',
        product: null,
        module: null,
        category,
        subject: item.subject,
        description: item.body,
        tags: [],
        deadlines: [],
        assigneeId: target.to === 'person' ? target.assigneeId : null,
      },
      unit.key,
    );
    if (item.attachments.length > 0)
      await this.entries.add(caller, ticket.id, {
        kind: 'internal',
        ...systemLine(historyMessage('mail.opening-attachments', {})),
        attachments: item.attachments,
      });
    return { id: ticket.id, number: ticket.number };
  }

  /** A person's ticket waits in their own unit: someone not placed in the structure cannot take one. */
  private async unitOf(userId: string): Promise<string> {
    const user = await this.em.findOne(UserSchema, { id: userId, active: true });
    if (!user) throw Refusal.invalid('assigneeId', `no active user with id ${userId}`);
    const placed = await this.em.findOne(SupportMemberSchema, { userId });
    if (!placed) throw Refusal.invalid('assigneeId', `${user.displayName} is not placed in the support structure`);
    return placed.unitKey;
  }

  /** The sender's contact at the customer: found, added when the member asked, or none (replies need one). */
  private async contactFor(caller: Principal, item: TriageItem, target: NewTicketTarget): Promise<string | null> {
    const existing = await this.em.findOne(CustomerContactSchema, {
      customerId: target.customerId,
      email: { $ilike: escapeLike(item.sender.email) },
    });
    if (existing || !target.addSenderAsContact) return existing?.id ?? null;
    const name = item.sender.name ?? item.sender.email;
    const added = await this.customers.add(caller, target.customerId, 'contact', {
      name,
      email: item.sender.email,
      phone: null,
    });
    return added.id;
  }

  /** The mail's Message-ID on the ticket, for the channel it came through: the thread's next mail lands there. */
  private async link(caller: Principal, item: TriageItem, ticketId: string): Promise<void> {
    const key = {
      channelId: item.channel.id,
      system: item.externalReference!.system,
      externalId: item.externalReference!.id,
    };
    const existing = await this.em.findOne(TicketExternalReferenceSchema, key);
    if (existing?.ticketId === ticketId) return;
    if (existing) throw Refusal.conflict(`${key.system} ${key.externalId} is already linked to another ticket`);
    this.em.create(TicketExternalReferenceSchema, { ...key, ticketId, createdAt: this.clock.now() });
    this.journal.record({
      actor: caller,
      action: 'ticket.external_reference_linked',
      subjectType: 'ticket',
      subjectId: ticketId,
      after: { channelId: key.channelId, system: key.system, externalId: key.externalId },
    });
  }
}
