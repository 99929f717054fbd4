import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  owedPlaybookSteps,
  pendingItems,
  type CancellationContact,
  type HeldTicketFacts,
  type PendingItem,
} from '@escala/domain';
import type { StoredMediation } from '../mediation/mediation-record.js';
import { executePrepared } from '../persistence/prepared-statement.js';
import { revive } from '../persistence/stored-json.js';
import { QueueSettings } from './queue-settings.js';

/**
 * Entries say whose words they are (`direction`): the customer's message or our reply, whoever
 * typed it. Follow-ups and commitments count while not
 * done, whoever recorded them. The playbook record gives the mediation and the cancellation
 * contact; the holder has held the ticket since `assigned_at` (set on creation, take, edit or
 * escalation to them). The ticket's status is not read on purpose. The held tickets come from
 * `held_tickets` (open tickets by holder, kept by a trigger on `tickets`): an index of `tickets` made
 * this read visit every version of the agent's tickets since the last vacuum of that big table.
 */
const HELD_TICKET_FACTS = `
  select t.id as "ticketId", t.number, t.category,
    (select max(created_at) from ticket_entries e where e.ticket_id = t.id and e.direction = 'from_customer') as "lastCustomerMessageAt",
    (select max(created_at) from ticket_entries e where e.ticket_id = t.id and e.direction = 'to_customer') as "lastPublicReplyAt",
    (select min(due_at) from ticket_follow_ups f where f.ticket_id = t.id and f.kind = 'follow-up' and f.done_at is null) as "followUpAt",
    (select coalesce(json_agg(json_build_object('description', f.description, 'dueAt', f.due_at) order by f.due_at), '[]')
       from ticket_follow_ups f where f.ticket_id = t.id and f.kind = 'commitment' and f.done_at is null) as "commitments",
    p.mediation, p.mediation_report ->> 'producedAt' as "mediationReportAt", p.cancellation_contact as "cancellationContact",
    t.assigned_at as "heldSince"
  from held_tickets h join tickets t on t.id = h.ticket_id left join ticket_playbook p on p.ticket_id = t.id
  where h.assignee_id = ?`;

/**
 * What next-ticket needs before it may claim, in one round trip: the agent's tier/stage and the
 * facts of the tickets they hold (as JSON: dates as ISO text, as the row form gives them).
 */
const DESK = `
  select (select unit_key from support_members where user_id = ?) as "unitKey",
    (select coalesce(json_agg(held), '[]') from (${HELD_TICKET_FACTS}) held) as held`;

interface HeldTicketRow {
  ticketId: string;
  number: string | number;
  category: string;
  lastCustomerMessageAt: string | null;
  lastPublicReplyAt: string | null;
  followUpAt: string | null;
  commitments: { description: string; dueAt: string }[];
  mediation: Record<string, unknown> | null;
  mediationReportAt: string | null;
  cancellationContact: Record<string, unknown> | null;
  heldSince: string | null;
}

const date = (value: string | null) => (value ? new Date(value) : null);

export type PendingWork = PendingItem & { ticketNumber: number };

/** What an agent owes on the tickets they hold (docs/playbook.md §4.2), computed from facts in one query. */
@Injectable()
export class PendingWorkReader {
  constructor(private readonly settings: QueueSettings) {}

  /** The agent's tier/stage (null when not placed in the structure) and pending work. */
  async deskOf(
    em: EntityManager,
    agentId: string,
    now: Date,
  ): Promise<{ unitKey: string | null; pending: PendingWork[] }> {
    const [desk] = await executePrepared<{ unitKey: string | null; held: HeldTicketRow[] }>(em, DESK, [
      agentId,
      agentId,
    ]);
    return { unitKey: desk?.unitKey ?? null, pending: this.pendingOf(desk?.held ?? [], now) };
  }

  private pendingOf(rows: HeldTicketRow[], now: Date): PendingWork[] {
    const numbers = new Map(rows.map((row) => [row.ticketId, Number(row.number)]));
    const facts: HeldTicketFacts[] = rows.map((row) => ({
      ticketId: row.ticketId,
      lastCustomerMessageAt: date(row.lastCustomerMessageAt),
      lastPublicReplyAt: date(row.lastPublicReplyAt),
      followUpAt: date(row.followUpAt),
      owedSteps: owedPlaybookSteps(
        {
          category: row.category,
          mediation: revive<StoredMediation>(row.mediation),
          mediationReportAt: date(row.mediationReportAt),
          lastPublicReplyAt: date(row.lastPublicReplyAt),
          cancellationContact: revive<CancellationContact>(row.cancellationContact),
          heldSince: date(row.heldSince),
        },
        now,
        this.settings.cancellationContactHours,
      ),
      commitments: row.commitments.map((commitment) => ({
        description: commitment.description,
        dueAt: new Date(commitment.dueAt),
        doneAt: null,
      })),
    }));
    return pendingItems(facts, now).map((item) => ({ ...item, ticketNumber: numbers.get(item.ticketId) ?? 0 }));
  }
}
