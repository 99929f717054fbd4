import { statusOnTakeover, type TicketStatus } from '@escala/domain';
import type { Change } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { Ticket } from '../persistence/entities/index.js';
import type { TicketCaller } from './ticket-view.js';

/** A take-over's status move: the values its history line shows (`from`, `to`) and its audited change. */
export interface StatusMove {
  from: TicketStatus;
  to: TicketStatus;
  change: Change;
}

/**
 * Moves a ticket an agent takes over to the status the domain gives (`new` → `in_analysis`) and
 * returns the move for the take-over's history line (one line per action keeps the history in
 * order) and the audited change for the caller's transaction, or null when the status stays. A take-over leaves no clock fact (the audit marks it `takeover` for
 * people), so the SLA does not read the move as the agent's first action: taking a ticket starts its analysis, it does
 * not meet the analysis target.
 */
export function takeoverStatusChange(caller: TicketCaller, ticket: Ticket): StatusMove | null {
  const started = takeoverStatusChangeFrom(caller, { id: ticket.id, number: Number(ticket.number) }, ticket.status);
  if (started) ticket.status = started.to;
  return started;
}

/** The same, for a ticket whose status the database moves (from `from`) in the take's own statement. */
export function takeoverStatusChangeFrom(
  caller: TicketCaller,
  ticket: { id: string; number: number },
  from: TicketStatus,
): StatusMove | null {
  const to = statusOnTakeover(from);
  if (!to) return null;
  return {
    from,
    to,
    change: {
      actor: caller,
      action: 'ticket.status_changed',
      subjectType: 'ticket',
      subjectId: ticket.id,
      before: { status: from },
      after: { status: to, takeover: true },
      events: [domainEvent('ticket.status_changed', { ticketId: ticket.id, number: ticket.number, from, to })],
    },
  };
}
