/** The lifecycle of a ticket (SSC). */
export const TICKET_STATUSES = [
  'new',
  'in_analysis',
  'waiting_customer',
  'waiting_third_party',
  'waiting_development',
  'resolved',
  'closed',
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

const WAITING = ['waiting_customer', 'waiting_third_party', 'waiting_development'] as const;

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['in_analysis', ...WAITING, 'resolved'],
  in_analysis: [...WAITING, 'resolved'],
  waiting_customer: ['in_analysis', 'waiting_third_party', 'waiting_development', 'resolved'],
  waiting_third_party: ['in_analysis', 'waiting_customer', 'waiting_development', 'resolved'],
  waiting_development: ['in_analysis', 'waiting_customer', 'waiting_third_party', 'resolved'],
  // Reopening puts the ticket back in analysis.
  resolved: ['closed', 'in_analysis'],
  closed: ['in_analysis'],
};

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

export type TransitionOutcome = { ok: true } | { ok: false; reason: string; allowed: readonly TicketStatus[] };

export function checkTransition(from: TicketStatus, to: TicketStatus): TransitionOutcome {
  const allowed = TRANSITIONS[from];
  if (allowed.includes(to)) return { ok: true };
  return { ok: false, reason: `A ticket cannot go from ${from} to ${to}; allowed: ${allowed.join(', ')}`, allowed };
}

/** Open tickets count toward queues and SLA; resolved and closed ones do not. */
export function isOpenStatus(status: TicketStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}
