import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { historyMessage, statusOnTakeover, TICKET_STATUSES, type SkipReason, type TicketStatus } from '@escala/domain';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.service.js';
import { CombinedWrite } from '../persistence/combined-write.js';
import { TicketSchema } from '../persistence/entities/index.js';
import { TicketHooks } from '../tickets/ticket-hooks.service.js';
import { TicketEntriesService } from '../tickets/ticket-entries.service.js';
import { takeoverStatusChangeFrom } from '../tickets/takeover-status.js';
import { ticketView } from '../tickets/ticket-view.js';

/** The domain's take-over status rule as SQL, built from the rule itself so the two cannot drift. */
const STATUS_ON_TAKEOVER = `case t.status ${TICKET_STATUSES.flatMap((status) => {
  const to = statusOnTakeover(status);
  return to ? [`when '${status}' then '${to}'`] : [];
}).join(' ')} else t.status end`;

/**
 * Assigns the ticket named by the CTE `chosen` (ticket_id, skip_reason, previous_status,
 * previous_assignee_id, read under the ticket's lock) in the same statement that chose it: the
 * skip reasons were for getting out of the queue, so a ticket back in a queue later needs new ones.
 * `assigned_at` moves only when the holder changes (as `assignTicket` does).
 */
const takeSql = (chosen: string, columns: string) => `
  with ${chosen},
  assigned as (
    update tickets t set
      assigned_at = case when t.assignee_id is distinct from ?::uuid then ?::timestamptz else t.assigned_at end,
      assignee_id = ?, status = ${STATUS_ON_TAKEOVER}, customer_contacted_again = false, priority_email = false,
      updated_at = ?::timestamptz
    from chosen where t.id = chosen.ticket_id
    returning ${columns}
  )
  select assigned.*, chosen.skip_reason, chosen.previous_status, chosen.previous_assignee_id
  from assigned join chosen on chosen.ticket_id = assigned.id`;

/** SQL (CTEs ending in one named `chosen`) and its parameters, naming the ticket a take is about. */
export interface ChosenTicket {
  ctes: string;
  params: readonly unknown[];
}

interface TakenRow extends Record<string, unknown> {
  skip_reason: SkipReason | null;
  previous_status: TicketStatus;
  previous_assignee_id: string | null;
}

/**
 * Writes a take: the ticket's new holder (and status) in the statement that chose it, then its
 * history line, audit records and events in one more; two round trips inside the caller's
 * transaction, whatever the size of the queue.
 */
@Injectable()
export class TicketTakeover {
  constructor(
    private readonly ticketEntries: TicketEntriesService,
    private readonly hooks: TicketHooks,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
  ) {}

  private returning: string | null = null;

  /**
   * The ticket's mapped columns: not `t.*`, which brings the generated `search` tsvector (as long
   * as the ticket's text) over the wire only to be dropped.
   */
  private mappedColumns(tx: EntityManager): string {
    const quote = (column: string) => `t.${tx.getPlatform().quoteIdentifier(column)}`;
    this.returning ??= tx
      .getMetadata()
      .get(TicketSchema)
      .props.flatMap((prop) => prop.fieldNames ?? [])
      .map(quote)
      .join(', ');
    return this.returning;
  }

  /** The ticket as the API shows it, or null when `chosen` found none. */
  async take(tx: EntityManager, agent: Principal, chosen: ChosenTicket, passedOver: readonly string[] = []) {
    const now = this.clock.now().toISOString();
    const [row] = await tx.execute<TakenRow[]>(takeSql(chosen.ctes, this.mappedColumns(tx)), [
      ...chosen.params,
      agent.userId,
      now,
      agent.userId,
      now,
    ]);
    if (!row) return null;
    const { skip_reason: reason, previous_status: from, previous_assignee_id: previousAssigneeId, ...columns } = row;
    // Managed and clean: the hooks' flush has nothing left to write for it.
    const ticket = tx.map(TicketSchema, columns);
    const started = takeoverStatusChangeFrom(agent, ticket, from);
    const move = { from: started?.from, to: started?.to };
    const taken = reason
      ? historyMessage('ticket.taken-ahead', { agent: agent.displayName, reason, ...move })
      : historyMessage('ticket.taken', { agent: agent.displayName, ...move });
    const write = new CombinedWrite(tx);
    this.ticketEntries.appendTo(write, ticket, agent, 'event', taken);
    this.journal.write(write, {
      actor: agent,
      action: 'ticket.taken',
      subjectType: 'ticket',
      subjectId: ticket.id,
      before: { assigneeId: previousAssigneeId },
      after: { assigneeId: agent.userId, unitKey: ticket.unitKey, skipReason: reason, passedOver: [...passedOver] },
      events: [
        domainEvent('ticket.assigned', {
          ticketId: ticket.id,
          number: Number(ticket.number),
          assigneeId: agent.userId,
          previousAssigneeId,
        }),
      ],
    });
    if (started) this.journal.write(write, started.change);
    await write.run();
    await this.hooks.changed(tx, ticket, 'ticket.taken', agent);
    return ticketView(ticket);
  }
}
