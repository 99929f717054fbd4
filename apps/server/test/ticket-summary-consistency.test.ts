import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';

const desk = useTeamApp('n1-n5');

interface SummaryCheck {
  events: number;
  missing: number;
  /** Each ticket's newest event whose summary differs from the ticket as it is now. */
  stale: string[];
}

/**
 * Every ticket event of `tickets` from after `since` carries a summary, and each ticket's newest
 * one equals the summary recomputed now: the requests run one after another, so the newest event
 * was written by the last change of its ticket.
 */
async function checkSummaries(tickets: string[], since: number): Promise<SummaryCheck> {
  const [row] = await sql<SummaryCheck>(
    desk.t,
    `with recent as (
       select aggregate_id, payload, position,
              position = max(position) over (partition by aggregate_id) as newest
         from outbox_events
        where aggregate_type = 'ticket' and aggregate_id = any($1) and position > $2)
     select count(*)::int as events,
            count(*) filter (where not payload ? 'ticket')::int as missing,
            coalesce(array_agg(aggregate_id) filter (
              where newest and payload -> 'ticket' is distinct from escala_ticket_summary(aggregate_id::uuid)), '{}') as stale
       from recent`,
    [tickets, since],
  );
  return row!;
}

const lastPosition = async () =>
  Number(
    (await sql<{ last: string }>(desk.t, `select coalesce(max(position), 0) as last from outbox_events`))[0]!.last,
  );

describe('the ticket summary on ticket events, computed once per ticket at commit', () => {
  it('after a mix of creations, takes, status changes, escalations, entries and tags, every event carries the summary of its ticket as committed', async () => {
    const { t, team } = desk;
    const [agentN1, agentN2] = [team.people.N1!, team.people.N2!];
    const create = async (overrides: Record<string, unknown>) => {
      const response = await t.request('POST', '/tickets', { token: team.admin, body: ticketBody(team, overrides) });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id as string;
    };
    let since = await lastPosition();
    const urgent = await create({ category: 'configuracao-email', tags: ['URGENTE'], subject: 'Sem e-mail' });
    const plain = await create({ category: 'configuracao-email', subject: 'Assinatura errada' });
    const tickets = [urgent, plain];
    expect(await checkSummaries(tickets, since)).toMatchObject({ missing: 0, stale: [] });

    const steps: [string, string, string, Record<string, unknown>?][] = [
      ['next', 'POST', '/queue/next'],
      ['entry', 'POST', `/tickets/${urgent}/entries`, { kind: 'internal', body: 'Verificando o MX.' }],
      ['reply', 'POST', `/tickets/${urgent}/entries`, { kind: 'public', body: 'Estamos verificando.' }],
      ['tags', 'PATCH', `/tickets/${plain}`, { tags: ['PRIORIDADE'], subject: 'Assinatura errada no rodapé' }],
      ['escalation', 'POST', `/tickets/${urgent}/escalations`, { toUnit: 'N2', reason: 'Servidor do cliente' }],
      ['take', 'POST', `/queue/take/${urgent}`],
      ['status', 'POST', `/tickets/${urgent}/status`, { status: 'waiting_customer' }],
      ['assign', 'PATCH', `/tickets/${plain}`, { assigneeId: agentN1.id }],
    ];
    for (const [what, method, path, body] of steps) {
      since = await lastPosition();
      const token = what === 'take' ? agentN2.token : what === 'next' ? agentN1.token : team.admin;
      const response = await t.request(method as 'POST', path, { token, body });
      expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
      const check = await checkSummaries(tickets, since);
      expect(check.events, what).toBeGreaterThan(0);
      expect({ what, missing: check.missing, stale: check.stale }).toEqual({ what, missing: 0, stale: [] });
    }
    const [taken] = await sql<{ summary: { assignee: { id: string }; unit: { key: string } } }>(
      t,
      `select payload -> 'ticket' as summary from outbox_events where aggregate_id = $1 order by position desc limit 1`,
      [urgent],
    );
    expect(taken!.summary).toMatchObject({
      assignee: { id: agentN2.id },
      unit: { key: 'N2' },
      status: 'waiting_customer',
    });
  });

  it('events written before a later change in the same transaction, or inside a savepoint, carry the ticket as committed', async () => {
    const { t, team } = desk;
    const created = await t.request('POST', '/tickets', { token: team.admin, body: ticketBody(team) });
    const ticketId = created.body.id as string;
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    const event = (type: string) =>
      client.query(
        `insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
         values ($1, $2, 'ticket', $3, $4, now())`,
        [randomUUID(), type, ticketId, { ticketId }],
      );
    const since = await lastPosition();
    try {
      await client.query('begin');
      await event('ticket.updated');
      await client.query('savepoint inner_write');
      await event('ticket.note_added');
      await client.query('release savepoint inner_write');
      await client.query(`update tickets set subject = 'Assunto depois dos eventos' where id = $1`, [ticketId]);
      await event('ticket.updated');
      await client.query('commit');
    } finally {
      await client.end();
    }
    const rows = await sql<{ subject: string }>(
      t,
      `select payload -> 'ticket' ->> 'subject' as subject from outbox_events where aggregate_id = $1 and position > $2`,
      [ticketId, since],
    );
    expect(rows.map((row) => row.subject)).toEqual(Array(3).fill('Assunto depois dos eventos'));
  });
});
