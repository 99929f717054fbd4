import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CombinedWrite } from '../persistence/combined-write.js';
import type { TicketClockFact } from './ticket-clock-events.js';

const FACT_COLUMNS = `id, kind, actor_id as "actorId", unit_key as "unitKey", structure_version as "structureVersion", status, occurred_at as "occurredAt"`;
const INSERT = `insert into ticket_clock_events (ticket_id, kind, actor_id, unit_key, structure_version, status, occurred_at)
  values (?, ?, ?, ?, ?, ?, ?::timestamptz)`;
const FACTS_OF = `select ${FACT_COLUMNS} from ticket_clock_events where ticket_id = ?`;
// A statement does not see its own insert, so the new row joins the read through `returning`.
const RECORD_AND_READ = `with added as (${INSERT} returning ${FACT_COLUMNS})
  select * from (${FACTS_OF} union all select * from added) facts order by id`;

type FactRow = Omit<TicketClockFact, 'occurredAt'> & { occurredAt: string | Date };

const paramsOf = (ticketId: string, fact: TicketClockFact) => [
  ticketId,
  fact.kind,
  fact.actorId,
  fact.unitKey,
  fact.structureVersion,
  fact.status,
  fact.occurredAt.toISOString(),
];
const factsOf = (rows: FactRow[]): TicketClockFact[] =>
  rows.map(({ kind, actorId, unitKey, structureVersion, status, occurredAt }) => ({
    kind,
    actorId,
    unitKey,
    structureVersion,
    status,
    occurredAt: new Date(occurredAt),
  }));

/**
 * The `ticket_clock_events` table: the facts of a ticket's history that SLA clocks (and the
 * priority rules' "units that held it") decide on, written with the change that causes them. The
 * audit trail tells people the same story in its own words; nothing here reads it.
 */
@Injectable()
export class TicketClockEvents {
  /** Records a fact in the caller's transaction and returns all the ticket's facts, in one round trip. */
  async record(tx: EntityManager, ticketId: string, fact: TicketClockFact): Promise<TicketClockFact[]> {
    return factsOf(await tx.execute<FactRow[]>(RECORD_AND_READ, [...paramsOf(ticketId, fact), ticketId]));
  }

  /** A new ticket's first fact, as part of its creation's single statement. */
  recordNew(write: CombinedWrite, ticketId: string, fact: TicketClockFact): void {
    write.statement(INSERT, paramsOf(ticketId, fact));
  }

  async of(em: EntityManager, ticketId: string): Promise<TicketClockFact[]> {
    return factsOf(await em.execute<FactRow[]>(`${FACTS_OF} order by id`, [ticketId]));
  }

  /** Several tickets' facts in one read (reports replay many clocks at once). */
  async ofMany(em: EntityManager, ticketIds: readonly string[]): Promise<Map<string, TicketClockFact[]>> {
    if (!ticketIds.length) return new Map();
    const rows = await em.execute<(FactRow & { ticketId: string })[]>(
      `select ticket_id as "ticketId", ${FACT_COLUMNS} from ticket_clock_events where ticket_id in (?) order by id`,
      [ticketIds],
    );
    const byTicket = new Map<string, TicketClockFact[]>();
    for (const row of rows) {
      const facts = byTicket.get(row.ticketId) ?? [];
      facts.push(...factsOf([row]));
      byTicket.set(row.ticketId, facts);
    }
    return byTicket;
  }

  /** The units (tiers, stages, desks) the ticket has been in: created in or escalated to. */
  async unitsOf(em: EntityManager, ticketId: string): Promise<string[]> {
    const rows = await em.execute<{ unitKey: string }[]>(
      `select distinct unit_key as "unitKey" from ticket_clock_events where ticket_id = ? and unit_key is not null`,
      [ticketId],
    );
    return rows.map((row) => row.unitKey);
  }
}
