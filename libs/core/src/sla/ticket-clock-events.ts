import type { ClockEvent, PauseReason } from '@escala/domain';

/** What happened to a ticket, in the words of the clocks (not of the audit trail). */
export type ClockFactKind = 'created' | 'escalated' | 'replied' | 'agent-action' | 'status-changed';

/** One row of `ticket_clock_events`: a change that can move a clock, with the state it left. */
export interface TicketClockFact {
  kind: ClockFactKind;
  /** Null when the system (a connector, e.g. a customer's e-mail) made the change. */
  actorId: string | null;
  /** The unit (tier, stage or desk) entered and the structure version its targets come from (created, escalated). */
  unitKey: string | null;
  structureVersion: number | null;
  /** The status moved to (status-changed). */
  status: string | null;
  occurredAt: Date;
}

const PAUSING: Partial<Record<string, PauseReason>> = {
  waiting_customer: 'waiting-customer',
  waiting_third_party: 'waiting-third-party',
};
const ENDING = new Set(['resolved', 'closed']);

/** The ticket changes that can move a clock; other changes (tags, assignment) leave the timers as they are. */
const FACT_OF_ACTION: Readonly<Record<string, ClockFactKind>> = {
  'ticket.created': 'created',
  'ticket.escalated': 'escalated',
  'ticket.replied': 'replied',
  'ticket.status_changed': 'status-changed',
  'ticket.note_added': 'agent-action',
  'ticket.analysis_recorded': 'agent-action',
};

/** Whether a change with this audit action leaves a clock fact (a take leaves none). */
export const leavesClockFact = (action: string): boolean => Object.hasOwn(FACT_OF_ACTION, action);

/** The clock fact a ticket change leaves, from the ticket as the change left it; null when no clock cares. */
export function clockFactOf(
  action: string,
  ticket: { unitKey: string; structureVersion: number; status: string },
  actorId: string | null,
  occurredAt: Date,
): TicketClockFact | null {
  const kind = FACT_OF_ACTION[action];
  if (!kind) return null;
  const entered = kind === 'created' || kind === 'escalated';
  return {
    kind,
    actorId,
    unitKey: entered ? ticket.unitKey : null,
    structureVersion: entered ? ticket.structureVersion : null,
    status: kind === 'status-changed' ? ticket.status : null,
    occurredAt,
  };
}

/**
 * The clock events of a ticket, from its clock facts: created/escalated carry the unit entered; a
 * public reply by one of us is `replied` (a customer's message is not); notes, the technical
 * analysis and status changes by a person are `acted` (not the move a take-over makes by itself); waiting statuses pause (the policy decides
 * whether the reason pauses); resolved or closed ends the clocks; leaving resolved or closed
 * reopens the ticket on new clocks of its unit (the reopening move itself is not the action
 * the new analysis clock waits for).
 */
export function clockEventsOf(facts: readonly TicketClockFact[]): ClockEvent[] {
  const events: ClockEvent[] = [];
  let status = 'new';
  let current = '';
  for (const { kind, actorId, unitKey, status: to, occurredAt: at } of facts) {
    if (kind === 'created' || kind === 'escalated') {
      current = String(unitKey);
      events.push({ type: kind, at, unitKey: current });
    } else if (kind === 'replied' && actorId) {
      events.push({ type: 'replied', at });
    } else if (kind === 'agent-action' && actorId) {
      events.push({ type: 'acted', at });
    } else if (kind === 'status-changed' && ENDING.has(status) && !ENDING.has(String(to))) {
      status = String(to);
      events.push({ type: 'reopened', at, unitKey: current });
    } else if (kind === 'status-changed') {
      if (actorId) events.push({ type: 'acted', at });
      const pause = PAUSING[String(to)];
      if (pause) events.push({ type: 'paused', at, reason: pause });
      else if (PAUSING[status]) events.push({ type: 'resumed', at });
      if (ENDING.has(String(to))) events.push({ type: 'closed', at });
      status = String(to);
    }
  }
  return events;
}
