import type { ClockEvent, PauseReason } from '@escala/domain';

/** One audit record of a ticket, as the SLA reads its history. */
export interface TicketHistoryRecord {
  action: string;
  /** Null when the system (a connector, e.g. a customer's e-mail) made the change. */
  actorId: string | null;
  after: Record<string, unknown> | null;
  occurredAt: Date;
}

const PAUSING: Partial<Record<string, PauseReason>> = {
  waiting_customer: 'waiting-customer',
  waiting_third_party: 'waiting-third-party',
};
const ENDING = new Set(['resolved', 'closed']);
const AGENT_ACTIONS = new Set(['ticket.note_added', 'ticket.analysis_recorded']);

/** The audit actions that can move a clock; other changes (tags, assignment) leave the timers as they are. */
export const CLOCK_ACTIONS: ReadonlySet<string> = new Set([
  'ticket.created',
  'ticket.escalated',
  'ticket.replied',
  'ticket.status_changed',
  ...AGENT_ACTIONS,
]);

/**
 * The clock events of a ticket, from its audit trail: created/escalated carry the tier/stage; a
 * public reply by one of us is `replied` (a customer's message is not); notes, the technical
 * analysis and status changes by a person are `acted` (not the move a take-over makes by itself); waiting statuses pause (the policy decides
 * whether the reason pauses); resolved or closed ends the clocks; leaving resolved or closed
 * reopens the ticket on new clocks of its tier/stage (the reopening move itself is not the action
 * the new analysis clock waits for).
 */
export function clockEventsOf(history: readonly TicketHistoryRecord[]): ClockEvent[] {
  const events: ClockEvent[] = [];
  let status = 'new';
  let tier = '';
  for (const { action, actorId, after, occurredAt: at } of history) {
    if (action === 'ticket.created' || action === 'ticket.escalated') {
      tier = String(after?.unitKey);
      events.push({ type: action === 'ticket.created' ? 'created' : 'escalated', at, tier });
    } else if (action === 'ticket.replied' && actorId) {
      events.push({ type: 'replied', at });
    } else if (AGENT_ACTIONS.has(action) && actorId) {
      events.push({ type: 'acted', at });
    } else if (action === 'ticket.status_changed' && ENDING.has(status) && !ENDING.has(String(after?.status))) {
      status = String(after?.status);
      events.push({ type: 'reopened', at, tier });
    } else if (action === 'ticket.status_changed') {
      const to = String(after?.status);
      if (actorId && !after?.takeover) events.push({ type: 'acted', at });
      const pause = PAUSING[to];
      if (pause) events.push({ type: 'paused', at, reason: pause });
      else if (PAUSING[status]) events.push({ type: 'resumed', at });
      if (ENDING.has(to)) events.push({ type: 'closed', at });
      status = to;
    }
  }
  return events;
}
