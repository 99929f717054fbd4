import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  isOpenStatus,
  leaderMarkedPriority,
  URGENT_TAG,
  skipReasonOf,
  type QueuedTicket,
  type QueueOrder,
  type SkipReason,
} from '@escala/domain';
import { Clock } from '../clock/clock.service.js';
import type { CombinedWrite } from '../persistence/combined-write.js';
import type { Ticket } from '../persistence/entities/index.js';

export interface QueueEntryRow {
  ticketId: string;
  number: number;
  subject: string;
  openedAt: Date;
  queuedAt: Date;
  skipReason: SkipReason | null;
}

const ORDER_COLUMN: Record<QueueOrder, string> = { 'opened-at': 'opened_at', 'queued-at': 'queued_at' };

/**
 * The next entry of a queue, locked (`next`) and removed (`chosen`, with the ticket's status and
 * holder before the claim): CTEs for a statement that goes on to assign the ticket. Locks the
 * ticket row too and skips tickets being changed right now, so a claim never waits behind (or
 * deadlocks with) a ticket change holding the ticket lock; the ticket's columns are read under
 * that lock, so they are its latest. The sort matches an index of `queue_entries`.
 */
export const claimNextCtes = (order: QueueOrder) => `
  next as (
    select q.ticket_id, t.status, t.assignee_id from queue_entries q join tickets t on t.id = q.ticket_id
    where q.unit_key = ? order by (q.skip_reason is null), q.${ORDER_COLUMN[order]}, q.ticket_id
    limit 1 for update of q, t skip locked
  ),
  chosen as (
    delete from queue_entries q using next where q.ticket_id = next.ticket_id
    returning q.ticket_id, q.skip_reason, next.status as previous_status, next.assignee_id as previous_assignee_id
  )`;

/** The claim alone, as the benchmark's raw-SQL baseline runs it. */
export const claimNextSql = (order: QueueOrder) =>
  `with ${claimNextCtes(order)} select ticket_id, skip_reason from chosen`;

/**
 * Keeps the ticket's place (`queued_at`) while it stays in the same unit, or starts it now, in one
 * round trip. A customer message arriving while the ticket waits in this queue is "the customer
 * contacted us again".
 */
const UPSERT_ENTRY = `
  with place as (
    select coalesce((select queued_at from queue_entries where ticket_id = ? and unit_key = ?), ?::timestamptz) as queued_at
  ), contacted as (
    select exists (
      select 1 from ticket_entries e, place
      where e.ticket_id = ? and e.direction = 'from_customer' and e.created_at > place.queued_at
    ) as again
  )
  insert into queue_entries (ticket_id, unit_key, opened_at, queued_at, skip_reason)
  select ?, ?, ?::timestamptz, place.queued_at, case when contacted.again then ? else ? end from place, contacted
  on conflict (ticket_id) do update set unit_key = excluded.unit_key, queued_at = excluded.queued_at, skip_reason = excluded.skip_reason`;

const ENTRY_COLUMNS = `select q.ticket_id as "ticketId", t.number, t.subject, q.opened_at as "openedAt",
  q.queued_at as "queuedAt", q.skip_reason as "skipReason" from queue_entries q join tickets t on t.id = q.ticket_id`;

type StoredEntryRow = Omit<QueueEntryRow, 'openedAt' | 'queuedAt' | 'number'> & {
  number: string;
  openedAt: string;
  queuedAt: string;
};

function entryRows(rows: StoredEntryRow[]): QueueEntryRow[] {
  return rows.map((row) => ({
    ...row,
    number: Number(row.number),
    openedAt: new Date(row.openedAt),
    queuedAt: new Date(row.queuedAt),
  }));
}

/**
 * The `queue_entries` table: one row per open, unassigned ticket, kept in step inside every ticket
 * change's transaction, removed when the ticket is taken.
 */
@Injectable()
export class QueueEntries {
  constructor(private readonly clock: Clock) {}

  /** Puts the ticket in its unit's queue, moves it, refreshes its skip reason, or removes it. */
  async sync(tx: EntityManager, ticket: Ticket): Promise<void> {
    if (ticket.assigneeId || !isOpenStatus(ticket.status)) {
      await tx.execute(`delete from queue_entries where ticket_id = ?`, [ticket.id]);
      return;
    }
    // Both possible reasons are worked out here; the statement picks one by what it finds.
    const reasonIf = (contacted: boolean) => skipReasonOf(queuedTicket(ticket, this.clock.now(), contacted));
    await tx.execute(UPSERT_ENTRY, [
      ticket.id,
      ticket.unitKey,
      this.clock.now().toISOString(),
      ticket.id,
      ticket.id,
      ticket.unitKey,
      ticket.createdAt.toISOString(),
      reasonIf(true),
      reasonIf(false),
    ]);
  }

  /** A new ticket joins its unit's queue now (unless created already assigned). */
  async created(write: CombinedWrite, ticket: Ticket): Promise<void> {
    if (ticket.assigneeId || !isOpenStatus(ticket.status)) return;
    const now = this.clock.now();
    write.statement(
      `insert into queue_entries (ticket_id, unit_key, opened_at, queued_at, skip_reason) values (?, ?, ?::timestamptz, ?::timestamptz, ?)`,
      [
        ticket.id,
        ticket.unitKey,
        ticket.createdAt.toISOString(),
        now.toISOString(),
        skipReasonOf(queuedTicket(ticket, now, false)),
      ],
    );
  }

  /** Removes the entry if it is still there, waiting for a concurrent claim of the same ticket; false if it was gone. */
  async remove(tx: EntityManager, ticketId: string): Promise<boolean> {
    const deleted = await tx.execute<{ ticket_id: string }[]>(
      `delete from queue_entries where ticket_id = ? returning ticket_id`,
      [ticketId],
    );
    return deleted.length > 0;
  }

  async list(em: EntityManager, unitKey: string): Promise<QueueEntryRow[]> {
    return entryRows(await em.execute<StoredEntryRow[]>(`${ENTRY_COLUMNS} where q.unit_key = ?`, [unitKey]));
  }

  /**
   * The entries a take of `ticketId` is decided on (`checkTake`), not the whole queue: the ticket,
   * the next one, and — when the ticket has a skip reason — those it would pass over (the ones
   * that waited longer, and those with a reason ranked before it). The policy gives the same
   * answer on these as on the whole queue. The read is index ranges: two entries for a ticket
   * without a reason, whatever the queue's size; for one with a reason, the entries it passes
   * over, which the audit records anyway. (`any (array(…))`: joined to the union instead, the
   * planner expects many candidates and scans both tables.)
   */
  async takeCandidates(em: EntityManager, unitKey: string, ticketId: string, order: QueueOrder) {
    const column = ORDER_COLUMN[order];
    const rows = await em.execute<StoredEntryRow[]>(
      `with chosen as (select * from queue_entries where ticket_id = ? and unit_key = ?),
       candidates as (
         select ticket_id from chosen
         union (select ticket_id from queue_entries where unit_key = ? order by (skip_reason is null), ${column}, ticket_id limit 1)
         union select q.ticket_id from queue_entries q, chosen c
                where c.skip_reason is not null and q.unit_key = c.unit_key and q.${column} < c.${column}
         union select q.ticket_id from queue_entries q, chosen c
                where c.skip_reason is not null and q.unit_key = c.unit_key and q.skip_reason is not null
                  and q.${column} = c.${column} and q.ticket_id < c.ticket_id)
       ${ENTRY_COLUMNS} where q.ticket_id = any (array(select ticket_id from candidates))`,
      [ticketId, unitKey, unitKey],
    );
    return entryRows(rows);
  }
}

function queuedTicket(ticket: Ticket, queuedAt: Date, contactedWhileQueued: boolean): QueuedTicket {
  return {
    ticketId: ticket.id,
    openedAt: ticket.createdAt,
    queuedAt,
    tags: ticket.tags,
    leaderPriority: leaderMarkedPriority(ticket.tags),
    customerContactedAgain: ticket.customerContactedAgain || contactedWhileQueued,
    priorityEmailReceived: ticket.priorityEmail,
  };
}

/** The policy's view of a stored entry: its stored skip reason stands for the facts that produced it. */
export function asQueuedTicket(row: QueueEntryRow): QueuedTicket {
  return {
    ticketId: row.ticketId,
    openedAt: row.openedAt,
    queuedAt: row.queuedAt,
    tags: row.skipReason === 'urgent' ? [URGENT_TAG] : [],
    leaderPriority: row.skipReason === 'leader-priority',
    customerContactedAgain: row.skipReason === 'customer-contacted-again',
    priorityEmailReceived: row.skipReason === 'priority-email',
  };
}
