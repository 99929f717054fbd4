import { afterEach, describe, expect, it, vi } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '@escala/core';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';

const MIGRATION = 'Migration20261203050000_ticket_clock_events';
const desk = useTeamApp('two-stage-n1');
// The audit record and the clock fact of a change are both stamped "now": a fixed Date makes them one instant.
const at = (minute: number) => {
  const instant = new Date(Date.UTC(2026, 11, 7, 13, minute));
  vi.setSystemTime(instant);
  return instant;
};
afterEach(() => vi.useRealTimers());

const clockFacts = (ticketIds: string[]) =>
  sql(
    desk.t,
    `select ticket_id, kind, actor_id, unit_key, structure_version, status, occurred_at
       from ticket_clock_events where ticket_id = any($1) order by ticket_id, id`,
    [ticketIds],
  );
const assignments = (ticketIds: string[]) =>
  sql(desk.t, `select id, assignee_id, assigned_at from tickets where id = any($1) order by id`, [ticketIds]);

/** Runs the migration's down and up again, so its backfill rebuilds what the live code wrote from the audit trail. */
async function remigrate(databaseUrl: string) {
  const orm = await MikroORM.init({ ...ormConfig({ databaseUrl, poolMax: 1 }), debug: false });
  try {
    await orm.migrator.down({ migrations: [MIGRATION] });
    await orm.migrator.up({ migrations: [MIGRATION] });
  } finally {
    await orm.close(true);
  }
}

describe('clock facts of tickets that existed before them', () => {
  it('the migration rebuilds from the audit trail the same clock facts and holding times the live code records', async () => {
    const { t, team } = desk;
    const stage1 = team.people['N1-E1']!;
    const stage2 = team.people['N1-E2']!;
    const leader = team.people.leader!;
    let minute = 0;
    const post = (token: string, path: string, body: unknown) => {
      at(minute++);
      return t.request('POST', path, { token, body });
    };
    vi.useFakeTimers({ toFake: ['Date'] });

    const first = (await post(stage1.token, '/tickets', ticketBody(team, { category: 'duvida-utilizacao' }))).body;
    await post(stage1.token, `/tickets/${first.id}/entries`, { kind: 'public', body: 'Olá, estamos verificando.' });
    await post(stage1.token, `/tickets/${first.id}/entries`, { kind: 'internal', body: 'Verificar o layout.' });
    await post(stage1.token, `/tickets/${first.id}/status`, { status: 'waiting_customer' });
    await post(stage1.token, `/tickets/${first.id}/status`, { status: 'in_analysis' });
    const escalated = await post(stage1.token, `/tickets/${first.id}/escalations`, {
      toUnit: 'N1-E2',
      reason: 'homologação bancária',
      assigneeId: stage2.id,
    });
    expect(escalated.status).toBe(200);

    const second = (await post(stage1.token, '/tickets', ticketBody(team, { assigneeId: stage1.id }))).body;
    const reassignedAt = at(minute++);
    const reassigned = await t.request('PATCH', `/tickets/${second.id}`, {
      token: leader.token,
      body: { assigneeId: stage2.id },
    });
    expect(reassigned.status).toBe(200);
    // Saving the same assignee again does not restart the holding time.
    at(minute++);
    await t.request('PATCH', `/tickets/${second.id}`, { token: leader.token, body: { assigneeId: stage2.id } });

    const ids = [first.id, second.id];
    const live = { facts: await clockFacts(ids), assignments: await assignments(ids) };
    const kindsOf = (ticketId: string) =>
      live.facts.filter((fact) => fact.ticket_id === ticketId).map((fact) => fact.kind);
    expect(kindsOf(first.id)).toEqual([
      'created',
      'replied',
      'agent-action',
      'status-changed',
      'status-changed',
      'escalated',
    ]);
    expect(kindsOf(second.id)).toEqual(['created']);
    expect(live.assignments.map((row) => [row.id, row.assignee_id, row.assigned_at])).toEqual(
      expect.arrayContaining([
        [first.id, stage2.id, new Date(Date.UTC(2026, 11, 7, 13, 5))],
        [second.id, stage2.id, reassignedAt],
      ]),
    );

    await remigrate(t.databaseUrl);

    expect(await clockFacts(ids)).toEqual(live.facts);
    expect(await assignments(ids)).toEqual(live.assignments);
  });
});
