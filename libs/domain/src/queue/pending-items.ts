/**
 * Facts about one ticket an agent holds (assigned to them and not closed). The ticket's status is
 * deliberately absent: moving a ticket to "waiting customer" must not hide work that is owed.
 */
export interface HeldTicketFacts {
  ticketId: string;
  lastCustomerMessageAt: Date | null;
  lastPublicReplyAt: Date | null;
  /** A follow-up the agent scheduled (call back, check again). */
  followUpAt: Date | null;
  /** Playbook steps owed on the ticket: third-party mediation (24 h resend, 72 h report), cancellation contact. */
  owedSteps: readonly { kind: 'third-party' | 'cancellation'; description: string; dueAt: Date }[];
  /** What the agent promised someone, e.g. "retorno até 15:00". */
  commitments: readonly { description: string; dueAt: Date; doneAt: Date | null }[];
}

export type PendingKind =
  | 'customer-reply-unanswered'
  | 'follow-up-due'
  | 'third-party-step-owed'
  | 'cancellation-step-owed'
  | 'commitment-overdue';

export interface PendingItem {
  ticketId: string;
  kind: PendingKind;
  /** Since when it is pending. */
  since: Date;
  description: string | null;
}

/**
 * What an agent owes before taking new work (docs/playbook.md §4.2), oldest first: a customer message not
 * yet answered publicly, a follow-up whose time has come, a third-party or cancellation step due,
 * an own commitment past its time.
 */
export function pendingItems(tickets: readonly HeldTicketFacts[], now: Date): PendingItem[] {
  const items: PendingItem[] = [];
  for (const ticket of tickets) {
    const { ticketId, lastCustomerMessageAt: asked, lastPublicReplyAt: answered } = ticket;
    if (asked && asked <= now && (!answered || answered < asked)) {
      items.push({ ticketId, kind: 'customer-reply-unanswered', since: asked, description: null });
    }
    if (ticket.followUpAt && ticket.followUpAt <= now) {
      items.push({ ticketId, kind: 'follow-up-due', since: ticket.followUpAt, description: null });
    }
    for (const step of ticket.owedSteps) {
      if (step.dueAt > now) continue;
      const kind = step.kind === 'third-party' ? 'third-party-step-owed' : 'cancellation-step-owed';
      items.push({ ticketId, kind, since: step.dueAt, description: step.description });
    }
    for (const commitment of ticket.commitments) {
      if (commitment.doneAt || commitment.dueAt >= now) continue;
      items.push({
        ticketId,
        kind: 'commitment-overdue',
        since: commitment.dueAt,
        description: commitment.description,
      });
    }
  }
  return items.sort((a, b) => a.since.getTime() - b.since.getTime());
}
