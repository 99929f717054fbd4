import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  historyMessage,
  SKIP_REASONS,
  statusOnTakeover,
  TICKET_STATUSES,
  type HistoryMessage,
  type SkipReason,
  type TicketStatus,
} from '@escala/domain';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.service.js';
import { CombinedWrite, fromFirst } from '../persistence/combined-write.js';
import { TicketSchema } from '../persistence/entities/index.js';
import { entityData } from '../persistence/row-data.js';
import { TicketHooks } from '../tickets/ticket-hooks.service.js';
import { TicketEntriesService } from '../tickets/ticket-entries.service.js';
import { takeoverStatusChangeFrom } from '../tickets/takeover-status.js';
import { ticketView } from '../tickets/ticket-view.js';

/** The statuses a take-over moves a ticket out of (`new`), each with its history line's move. */
const TAKEOVER_MOVES = TICKET_STATUSES.flatMap((from) => {
  const to = statusOnTakeover(from);
  return to ? [{ from, to }] : [];
});

/** The domain's take-over status rule as SQL, built from the rule itself so the two cannot drift. */
const STATUS_ON_TAKEOVER = `case t.status ${TAKEOVER_MOVES.map(({ from, to }) => `when '${from}' then '${to}'`).join(' ')} else t.status end`;

/**
 * Assigns the ticket named by the CTE `chosen` (ticket_id, skip_reason, previous_status,
 * previous_assignee_id, read under the ticket's lock) in the same statement that chose it: the
 * skip reasons were for getting out of the queue, so a ticket back in a queue later needs new ones.
 * `assigned_at` moves only when the holder changes (as `assignTicket` does). `first` is the
 * assigned ticket with what the claim found, for the writes that follow in the statement.
 */
const takeCtes = (chosen: string, columns: string) => `
  ${chosen},
  assigned as (
    update tickets t set
      assigned_at = case when t.assignee_id is distinct from ?::uuid then ?::timestamptz else t.assigned_at end,
      assignee_id = ?, status = ${STATUS_ON_TAKEOVER}, customer_contacted_again = false, priority_email = false,
      updated_at = ?::timestamptz
    from chosen where t.id = chosen.ticket_id
    returning ${columns}
  ),
  first as (
    select assigned.*, chosen.skip_reason, chosen.previous_status, chosen.previous_assignee_id
    from assigned join chosen on chosen.ticket_id = assigned.id
  )`;

/** Which history line a take writes: its skip reason and the status it moved the ticket from, if any. */
const TAKE_OUTCOME = `coalesce(first.skip_reason, '') || '>' ||
  case when first.previous_status is distinct from first.status then first.previous_status else '' end`;

/** The take's history line for each outcome, keyed as TAKE_OUTCOME names it. */
function takeLines(agent: Principal): Map<string, HistoryMessage> {
  const lines = new Map<string, HistoryMessage>();
  for (const reason of [null, ...SKIP_REASONS])
    for (const move of [{ from: undefined, to: undefined }, ...TAKEOVER_MOVES])
      lines.set(
        `${reason ?? ''}>${move.from ?? ''}`,
        reason
          ? historyMessage('ticket.taken-ahead', { agent: agent.displayName, reason, ...move })
          : historyMessage('ticket.taken', { agent: agent.displayName, ...move }),
      );
  return lines;
}

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
 * Writes a take as ONE statement: the claim (or the chosen ticket's lock), the new holder and
 * status, the history line, the audit records and the events, decided in the statement from what
 * the claim found, so a take is one round trip and atomic without a transaction of its own (or
 * part of the caller's). Change hooks do not run for a take: none may listen to `ticket.taken`,
 * which the application refuses to start with (the queue entry went in the claim; the SLA clock
 * has no fact for a take).
 */
@Injectable()
export class TicketTakeover implements OnApplicationBootstrap {
  constructor(
    private readonly ticketEntries: TicketEntriesService,
    private readonly hooks: TicketHooks,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
  ) {}

  private returning: string | null = null;

  onApplicationBootstrap(): void {
    if (this.hooks.listensTo('ticket.taken'))
      throw new Error('A ticket change hook listens to ticket.taken, but a take is one statement that runs no hooks');
  }

  /**
   * The ticket's mapped columns: not `t.*`, which brings the generated `search` tsvector (as long
   * as the ticket's text) over the wire only to be dropped.
   */
  private mappedColumns(em: EntityManager): string {
    const quote = (column: string) => `t.${em.getPlatform().quoteIdentifier(column)}`;
    this.returning ??= em
      .getMetadata()
      .get(TicketSchema)
      .props.flatMap((prop) => prop.fieldNames ?? [])
      .map(quote)
      .join(', ');
    return this.returning;
  }

  /** The ticket as the API shows it, or null when `chosen` found none. */
  async take(em: EntityManager, agent: Principal, chosen: ChosenTicket, passedOver: readonly string[] = []) {
    const now = this.clock.now().toISOString();
    const write = CombinedWrite.following(em, takeCtes(chosen.ctes, this.mappedColumns(em)), [
      ...chosen.params,
      agent.userId,
      now,
      agent.userId,
      now,
    ]);
    const ticket = { id: fromFirst<string>('id'), number: fromFirst<number>('number') };
    this.ticketEntries.appendOneOf(write, ticket, agent, 'event', TAKE_OUTCOME, takeLines(agent));
    const previousAssigneeId = fromFirst<string | null>('previous_assignee_id');
    this.journal.write(write, {
      actor: agent,
      action: 'ticket.taken',
      subjectType: 'ticket',
      subjectId: ticket.id,
      before: { assigneeId: previousAssigneeId },
      after: {
        assigneeId: agent.userId,
        unitKey: fromFirst<string>('unit_key'),
        skipReason: fromFirst<SkipReason | null>('skip_reason'),
        passedOver: [...passedOver],
      },
      events: [
        domainEvent('ticket.assigned', {
          ticketId: ticket.id,
          number: ticket.number,
          assigneeId: agent.userId,
          previousAssigneeId,
        }),
      ],
    });
    for (const { from } of TAKEOVER_MOVES)
      write.onlyWhen(`first.previous_status = ${em.getPlatform().quoteValue(from)}`, () =>
        this.journal.write(write, takeoverStatusChangeFrom(agent, ticket, from)!.change),
      );
    const [row] = await write.run<TakenRow>();
    if (!row) return null;
    const { skip_reason: _reason, previous_status: _from, previous_assignee_id: _previous, ...columns } = row;
    return ticketView(entityData(em, TicketSchema, columns));
  }
}
