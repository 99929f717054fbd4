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

/**
 * The status a ticket moves to when an agent takes it over, or null to leave it: a new ticket an
 * agent takes (from the queue, or by being named on an escalation) is being analysed (seed 000:
 * "análise de casos"). Any later status is the agent's own decision and stays.
 */
export function statusOnTakeover(status: TicketStatus): TicketStatus | null {
  return status === 'new' ? 'in_analysis' : null;
}
