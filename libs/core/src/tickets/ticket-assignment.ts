import type { Ticket } from '../persistence/entities/index.js';

/**
 * Gives the ticket to `assigneeId` (or to nobody). `assignedAt` moves only when the holder changes,
 * so re-saving the same assignee does not restart what pending work counts from that moment.
 */
export function assignTicket(ticket: Ticket, assigneeId: string | null, at: Date): void {
  if ((ticket.assigneeId ?? null) === assigneeId) return;
  ticket.assigneeId = assigneeId;
  ticket.assignedAt = assigneeId ? at : null;
}
