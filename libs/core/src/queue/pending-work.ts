import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pendingItems, type HeldTicketFacts, type PendingItem } from '@escala/domain';

/**
 * A customer message is a public entry without an author among our users (an inbound connector
 * wrote it); our reply is a public entry by a user. The ticket's status is not read on purpose.
 */
const HELD_TICKET_FACTS = `
  select t.id as "ticketId", t.number,
    (select max(created_at) from ticket_entries e where e.ticket_id = t.id and e.kind = 'public' and e.author_id is null) as "lastCustomerMessageAt",
    (select max(created_at) from ticket_entries e where e.ticket_id = t.id and e.kind = 'public' and e.author_id is not null) as "lastPublicReplyAt"
  from tickets t where t.assignee_id = ? and t.status <> 'closed'`;

export type PendingWork = PendingItem & { ticketNumber: number };

/** What an agent owes on the tickets they hold (seed 002 §4.2), computed from facts. */
@Injectable()
export class PendingWorkReader {
  async of(em: EntityManager, agentId: string, now: Date): Promise<PendingWork[]> {
    const rows = await em.execute<{ ticketId: string; number: string; lastCustomerMessageAt: string | null; lastPublicReplyAt: string | null }[]>(HELD_TICKET_FACTS, [agentId]);
    const numbers = new Map(rows.map((row) => [row.ticketId, Number(row.number)]));
    const facts: HeldTicketFacts[] = rows.map((row) => ({
      ticketId: row.ticketId,
      lastCustomerMessageAt: row.lastCustomerMessageAt ? new Date(row.lastCustomerMessageAt) : null,
      lastPublicReplyAt: row.lastPublicReplyAt ? new Date(row.lastPublicReplyAt) : null,
      // Follow-ups, playbook steps and commitments have no store yet; the policy already handles them.
      followUpAt: null,
      owedSteps: [],
      commitments: [],
    }));
    return pendingItems(facts, now).map((item) => ({ ...item, ticketNumber: numbers.get(item.ticketId) ?? 0 }));
  }
}
