import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '@escala/core';
import { describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';

const MIGRATION = 'Migration20261203170000_sla_unit_key';
const desk = useTeamApp('two-stage-n1');

async function migrate(databaseUrl: string, direction: 'up' | 'down') {
  const orm = await MikroORM.init({ ...ormConfig({ databaseUrl, poolMax: 1 }), debug: false });
  try {
    await orm.migrator[direction]({ migrations: [MIGRATION] });
  } finally {
    await orm.close(true);
  }
}

describe('SLA timers and events written before "tier" meant only a tier', () => {
  it('the upgrade renames the clock unit of pending timers and undelivered events, and the ticket summary still lists the open clocks', async () => {
    const { t, team } = desk;
    const created = await t.request('POST', '/tickets', {
      token: team.people['N1-E1']!.token,
      body: ticketBody(team, { category: 'duvida-utilizacao' }),
    });
    expect(created.status).toBe(201);
    const ticketId: string = created.body.id;
    const summaryClocks = async () =>
      (await sql(t, `select escala_ticket_summary($1) -> 'slaClocks' as clocks`, [ticketId]))[0]!.clocks;
    const timerUnits = () =>
      sql(
        t,
        `select payload ->> 'unitKey' as "unitKey", payload ? 'tier' as "hasTier" from timers where subject_id = $1`,
        [ticketId],
      );
    const liveClocks = await summaryClocks();
    expect(liveClocks).toEqual([expect.objectContaining({ kind: 'analysis', unit: 'N1-E1' })]);

    await migrate(t.databaseUrl, 'down');
    const eventId = randomUUID();
    await sql(
      t,
      `insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
       values ($1, 'sla.warning', 'ticket', $2, $3, now())`,
      [eventId, ticketId, { ticketId, tier: 'N1-E1', blamedTier: 'N1-E1', currentUnit: 'N1-E1', clock: 'analysis' }],
    );
    expect(await summaryClocks()).toEqual(liveClocks);

    await migrate(t.databaseUrl, 'up');
    expect(new Set((await timerUnits()).map((row) => JSON.stringify(row)))).toEqual(
      new Set([JSON.stringify({ unitKey: 'N1-E1', hasTier: false })]),
    );
    expect(await summaryClocks()).toEqual(liveClocks);
    const [event] = await sql(t, `select payload from outbox_events where id = $1`, [eventId]);
    expect(event!.payload).toMatchObject({ unitKey: 'N1-E1', blamedUnit: 'N1-E1', currentUnit: 'N1-E1' });
    expect(event!.payload).not.toHaveProperty('tier');
    expect(event!.payload).not.toHaveProperty('blamedTier');
  });
});
