import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pendingItems, type HeldTicketFacts, type PendingItem } from '@escala/domain';

/**
 * A customer message is a public entry without an author among our users (an inbound connector
 * wrote it); our reply is a public entry by a user. Follow-ups and commitments count while not
 * done, whoever recorded them. The ticket's status is not read on purpose.
 */
const HELD_TICKET_FACTS = `
  select t.id as "ticketId", t.number,
    (select max(created_at) from ticket_entries e where e.ticket_id = t.id and e.kind = 'public' and e.author_id is null) as "lastCustomerMessageAt",
    (select max(created_at) from ticket_entries e where e.ticket_id = t.id and e.kind = 'public' and e.author_id is not null) as "lastPublicReplyAt",
    (select min(due_at) from ticket_follow_ups f where f.ticket_id = t.id and f.kind = 'follow-up' and f.done_at is null) as "followUpAt",
    (select coalesce(json_agg(json_build_object('description', f.description, 'dueAt', f.due_at) order by f.due_at), '[]')
       from ticket_follow_ups f where f.ticket_id = t.id and f.kind = 'commitment' and f.done_at is null) as "commitments"
  from tickets t where t.assignee_id = ? and t.status <> 'closed'`;

interface HeldTicketRow {
  ticketId: string;
  number: string;
  lastCustomerMessageAt: string | null;
  lastPublicReplyAt: string | null;
  followUpAt: string | null;
  commitments: { description: string; dueAt: string }[];
}

const date = (value: string | null) => (value ? new Date(value) : null);

export type PendingWork = PendingItem & { ticketNumber: number };

/** What an agent owes on the tickets they hold (seed 002 §4.2), computed from facts in one query. */
@Injectable()
export class PendingWorkReader {
  async of(em: EntityManager, agentId: string, now: Date): Promise<PendingWork[]> {
    const rows = await em.execute<HeldTicketRow[]>(HELD_TICKET_FACTS, [agentId]);
    const numbers = new Map(rows.map((row) => [row.ticketId, Number(row.number)]));
    const facts: HeldTicketFacts[] = rows.map((row) => ({
      ticketId: row.ticketId,
      lastCustomerMessageAt: date(row.lastCustomerMessageAt),
      lastPublicReplyAt: date(row.lastPublicReplyAt),
      followUpAt: date(row.followUpAt),
      // Mediation and cancellation steps are not read from ticket_playbook yet; the policy already handles them.
      owedSteps: [],
      commitments: row.commitments.map((commitment) => ({ description: commitment.description, dueAt: new Date(commitment.dueAt), doneAt: null })),
    }));
    return pendingItems(facts, now).map((item) => ({ ...item, ticketNumber: numbers.get(item.ticketId) ?? 0 }));
  }
}
