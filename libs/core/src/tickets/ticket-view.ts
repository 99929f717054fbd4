import type { Role } from '@escala/domain';
import type { Actor } from '../audit/audit.service.js';
import type { Ticket } from '../persistence/entities/index.js';

/** Who calls the ticket services: a person with roles (from a token) or the system (a connector, a timer). */
export type TicketCaller = Actor & { roles?: readonly Role[]; displayName?: string };

export function callerLabel(caller: TicketCaller): string {
  if ('system' in caller) return `system:${caller.system}`;
  return caller.displayName ?? caller.login;
}

export function callerId(caller: TicketCaller): string | null {
  return 'userId' in caller ? caller.userId : null;
}

/** A ticket as the API and the audit trail show it. */
export function ticketView(ticket: Ticket) {
  return {
    id: ticket.id,
    number: Number(ticket.number),
    customerId: ticket.customerId,
    contactId: ticket.contactId ?? null,
    channel: ticket.channel,
    product: ticket.product ?? null,
    module: ticket.module ?? null,
    category: ticket.category,
    subject: ticket.subject,
    description: ticket.description,
    status: ticket.status,
    unitKey: ticket.unitKey,
    structureVersion: ticket.structureVersion,
    assigneeId: ticket.assigneeId ?? null,
    spocId: ticket.spocId ?? null,
    tags: ticket.tags,
    deadlines: ticket.deadlines,
    technicalAnalysis: ticket.technicalAnalysis ?? null,
    devRequestReference: ticket.devRequestReference ?? null,
    fixVersion: ticket.fixVersion ?? null,
    externalStatus: ticket.externalStatus ?? null,
    externalNote: ticket.externalNote ?? null,
    priorityEmail: ticket.priorityEmail,
    customerContactedAgain: ticket.customerContactedAgain,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
  };
}

export type TicketView = ReturnType<typeof ticketView>;
