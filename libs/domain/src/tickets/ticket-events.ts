import type { TicketStatus } from './ticket-status.js';

/**
 * Domain events a ticket emits, written to the outbox in the transaction of the change. The payload
 * carries what a subscriber (sheet, Teams, mail) needs without reading the ticket back.
 */
export interface TicketEventPayloads {
  'ticket.created': {
    ticketId: string;
    number: number;
    unitKey: string;
    category: string;
    channel: string;
    customerId: string;
    structureVersion: number;
    subject: string;
    tags: string[];
  };
  'ticket.escalated': {
    ticketId: string;
    number: number;
    fromUnit: string;
    toUnit: string;
    reason: string;
    spocId: string | null;
  };
  'ticket.status_changed': { ticketId: string; number: number; from: TicketStatus; to: TicketStatus };
  'ticket.replied': { ticketId: string; number: number; entryId: string; authorId: string | null };
  'ticket.note_added': { ticketId: string; number: number; entryId: string; authorId: string | null };
  'ticket.assigned': { ticketId: string; number: number; assigneeId: string | null; previousAssigneeId: string | null };
  'ticket.updated': { ticketId: string; number: number; changed: string[] };
  'ticket.urgent': { ticketId: string; number: number; unitKey: string; subject: string };
}

export type TicketEventType = keyof TicketEventPayloads;

export interface TicketEvent<T extends TicketEventType = TicketEventType> {
  type: T;
  payload: TicketEventPayloads[T];
}

export function ticketEvent<T extends TicketEventType>(type: T, payload: TicketEventPayloads[T]): TicketEvent<T> {
  return { type, payload };
}
