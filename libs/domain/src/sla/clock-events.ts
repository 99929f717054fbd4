import type { PauseReason } from './sla-policy.js';

/**
 * What happened to a ticket that matters to its SLA clocks, in the order it happened. The ticket
 * module derives these from its history; the clocks are recomputed from them on every change.
 * - `replied`: a public reply to the customer (satisfies first response and analysis);
 * - `acted`: any other agent action on the ticket — internal note, technical analysis, status
 *   change (satisfies analysis);
 * - `escalated`: the ticket moved to another unit (tier, stage or desk), which now owns the clocks;
 * - `reopened`: a resolved or closed ticket is open again: its unit owes the customer a new
 *   first response and a new analysis, on new clocks (the earlier ones keep their outcome).
 */
export type ClockEvent =
  | { type: 'created'; at: Date; unitKey: string }
  | { type: 'escalated'; at: Date; unitKey: string }
  | { type: 'reopened'; at: Date; unitKey: string }
  | { type: 'paused'; at: Date; reason: PauseReason }
  | { type: 'resumed'; at: Date }
  | { type: 'replied'; at: Date }
  | { type: 'acted'; at: Date }
  | { type: 'closed'; at: Date };
