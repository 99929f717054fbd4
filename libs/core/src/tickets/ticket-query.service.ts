import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TicketSchema } from '../persistence/entities/index.js';
import type { ListTicketsInput } from './ticket.schemas.js';
import { ticketView } from './ticket-view.js';

// Same expression as the generated `search` columns, so their GIN indexes serve the query.
const TS_QUERY = `websearch_to_tsquery('portuguese', escala_unaccent(?))`;

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
    let sql = `select t.* from tickets t where ${filters} order by t.number desc limit ?`;
    let values = [...params, limit];
    if (query.q) {
      // Each branch takes its own newest matches, so a common word stops after a page of rows
      // (walking the number index) and a rare one uses the GIN index; the union keeps the order.
      sql = `select t.* from tickets t where t.id in (
          (select t.id from tickets t where t.search @@ ${TS_QUERY} and ${filters} order by t.number desc limit ?)
          union
          (select t.id from ticket_entries e join tickets t on t.id = e.ticket_id
            where e.search @@ ${TS_QUERY} and ${filters} order by t.number desc limit ?)
        ) order by t.number desc limit ?`;
      values = [query.q, ...params, limit, query.q, ...params, limit, limit];
    }
    const rows = await this.em.getConnection().execute(sql, values);
    const page = rows.slice(0, query.limit).map((row: Record<string, unknown>) => ticketView(this.em.map(TicketSchema, row)));
    const last = page.at(-1);
    return { items: page, nextCursor: rows.length > query.limit && last ? String(last.number) : null };
  }
}
