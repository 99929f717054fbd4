/**
 * The reasons the playbook (docs/playbook.md §4.1) accepts for taking a ticket before older ones. Its
 * three exceptions stay three: `urgent` and `leader-priority` are both its "classified urgent/priority"
 * case, kept apart so reports tell an URGENTE service from a leader's priority mark (§9.2).
 */
export const SKIP_REASONS = ['urgent', 'leader-priority', 'customer-contacted-again', 'priority-email'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What the queue needs to know about a ticket waiting in a tier/stage queue. */
export interface QueuedTicket {
  ticketId: string;
  /** When the customer opened the ticket. */
  openedAt: Date;
  /** When the ticket entered the queue it is in now (its tier/stage). */
  queuedAt: Date;
  tags: readonly string[];
  /** Marked priority by a leader (docs/playbook.md §9.2). */
  leaderPriority: boolean;
  customerContactedAgain: boolean;
  priorityEmailReceived: boolean;
}

/** Oldest first by when the customer opened the ticket (default), or by time in the current queue. */
export const QUEUE_ORDERS = ['opened-at', 'queued-at'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

export interface RankedTicket {
  ticketId: string;
  /** 1 = next. */
  position: number;
  waitingSince: Date;
  skipReason: SkipReason | null;
}

export type TakeDecision =
  | { outcome: 'in-order' }
  | { outcome: 'skip'; reason: SkipReason; passedOver: string[] }
  | { outcome: 'refused'; mustTake: string }
  | { outcome: 'not-queued' };

export const URGENT_TAG = 'URGENTE';
/** The tag of a leader-approved priority (docs/playbook.md §9.2); an outside tool's priority flag arrives as it too. */
export const PRIORITY_TAG = 'PRIORIDADE';

const hasTag = (tags: readonly string[], wanted: string) => tags.some((tag) => tag.trim().toUpperCase() === wanted);

/** Whether a ticket's tags carry the leader's priority mark. */
export function leaderMarkedPriority(tags: readonly string[]): boolean {
  return hasTag(tags, PRIORITY_TAG);
}

/** The reason shown for a ticket, the first that applies: urgent, leader priority, contacted again, priority e-mail. */
export function skipReasonOf(ticket: QueuedTicket): SkipReason | null {
  if (hasTag(ticket.tags, URGENT_TAG)) return 'urgent';
  if (ticket.leaderPriority) return 'leader-priority';
  if (ticket.customerContactedAgain) return 'customer-contacted-again';
  if (ticket.priorityEmailReceived) return 'priority-email';
  return null;
}

/** The instant a ticket's wait is counted from under the queue order. */
export function waitingSince(ticket: Pick<QueuedTicket, 'openedAt' | 'queuedAt'>, order: QueueOrder): Date {
  return order === 'opened-at' ? ticket.openedAt : ticket.queuedAt;
}

/** The queue in the order it must be worked: tickets with a skip reason first, oldest first within each group. */
export function orderQueue(tickets: readonly QueuedTicket[], order: QueueOrder = 'opened-at'): RankedTicket[] {
  return tickets
    .map((ticket) => ({
      ticketId: ticket.ticketId,
      waitingSince: waitingSince(ticket, order),
      skipReason: skipReasonOf(ticket),
    }))
    .sort(
      (a, b) =>
        Number(b.skipReason !== null) - Number(a.skipReason !== null) ||
        a.waitingSince.getTime() - b.waitingSince.getTime() ||
        a.ticketId.localeCompare(b.ticketId),
    )
    .map((ranked, index) => ({ ...ranked, position: index + 1 }));
}

/**
 * Whether an agent may take `ticketId` now: the next one in order always; another one only if it
 * carries a skip reason, which is then to be recorded; otherwise the refusal names the one to take.
 */
export function checkTake(
  tickets: readonly QueuedTicket[],
  ticketId: string,
  order: QueueOrder = 'opened-at',
): TakeDecision {
  const ranked = orderQueue(tickets, order);
  const chosen = ranked.find((entry) => entry.ticketId === ticketId);
  const next = ranked[0];
  if (!chosen || !next) return { outcome: 'not-queued' };
  if (chosen === next) return { outcome: 'in-order' };
  if (chosen.skipReason) {
    return {
      outcome: 'skip',
      reason: chosen.skipReason,
      passedOver: ranked.slice(0, chosen.position - 1).map((entry) => entry.ticketId),
    };
  }
  return { outcome: 'refused', mustTake: next.ticketId };
}
