import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TicketSchema } from '../persistence/entities/index.js';
import { entityData } from '../persistence/row-data.js';
import type { ListTicketsInput } from './ticket.schemas.js';
import { ticketView } from './ticket-view.js';

// Same expression as the generated `search` columns, so their GIN indexes serve the query.
const TS_QUERY = `websearch_to_tsquery('portuguese', escala_unaccent(?))`;

// How many of the newest tickets a search walks before it asks the GIN index instead.
const RECENT_WINDOW = 5000;

/**
 * The ticket list: filters, newest first, keyset pagination on the ticket number (stable while
 * tickets are added), and Portuguese full-text search over subject, description and entries with
 * accents ignored ("migracao" finds "migração").
 */
@Injectable()
export class TicketQueryService {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListTicketsInput) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (query.status) add('t.status in (?)', query.status);
    if (query.unitKey) add('t.unit_key in (?)', query.unitKey);
    if (query.assigneeId) add('t.assignee_id = ?', query.assigneeId);
    if (query.spocId) add('t.spoc_id = ?', query.spocId);
    if (query.customerId) add('t.customer_id = ?', query.customerId);
    if (query.tag) add('t.tags @> array[?]::text[]', query.tag);
    if (query.category) add('t.category = ?', query.category);
    if (query.channel) add('t.channel = ?', query.channel);
    if (query.createdFrom) add('t.created_at >= ?::timestamptz', query.createdFrom);
    if (query.createdTo) add('t.created_at < ?::timestamptz', query.createdTo);
    if (query.cursor) add('t.number < ?', query.cursor);
    const filters = where.length ? where.join(' and ') : 'true';
    const limit = query.limit + 1;
    const connection = this.em.getConnection();
    let rows: Record<string, unknown>[];
    if (query.q) {
      const own = await this.matchingTicketFields(filters, params, query.q, limit);
      // One IN over a union: an OR of two INs would make PostgreSQL scan every ticket.
      const ownIds = own.length ? 'select unnest(array[?]::uuid[]) as id union ' : '';
      rows = await connection.execute(
        `select t.* from tickets t where t.id in (${ownIds}(
           select t.id from ticket_entries e join tickets t on t.id = e.ticket_id
           where e.search @@ ${TS_QUERY} and ${filters} order by t.number desc limit ?
         )) order by t.number desc limit ?`,
        [...(own.length ? [own] : []), query.q, ...params, limit, limit],
      );
    } else {
      rows = await connection.execute(`select t.* from tickets t where ${filters} order by t.number desc limit ?`, [
        ...params,
        limit,
      ]);
    }
    const page = rows
      .slice(0, query.limit)
      .map((row: Record<string, unknown>) => ticketView(entityData(this.em, TicketSchema, row)));
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > query.limit && last ? String(last.number) : null };
  }

  /**
   * The newest tickets whose subject or description match. PostgreSQL cannot estimate how rare a
   * word is (it assumes 0.5 % of rows), so left alone it walks the number index for every word —
   * instant for common words, a full-table scan for a protocol number. A bounded walk over the
   * newest tickets answers common words; only a sparse word goes to the GIN index.
   */
  private async matchingTicketFields(filters: string, params: unknown[], q: string, limit: number): Promise<string[]> {
    const connection = this.em.getConnection();
    const recent = await connection.execute<{ id: string }[]>(
      `select t.id from (select * from tickets t where ${filters} order by t.number desc limit ${RECENT_WINDOW}) t
       where t.search @@ ${TS_QUERY} order by t.number desc limit ?`,
      [...params, q, limit],
    );
    if (recent.length >= limit) return recent.map((row) => row.id);
    const all = await connection.execute<{ id: string }[]>(
      `with matches as materialized (select t.id, t.number from tickets t where t.search @@ ${TS_QUERY} and ${filters})
       select id from matches order by number desc limit ?`,
      [q, ...params, limit],
    );
    return all.map((row) => row.id);
  }
}
