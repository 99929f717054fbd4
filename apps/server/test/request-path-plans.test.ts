import { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { setNow, useQueueDesk } from './support/queue-desk.js';

// The smallest pool: both its sessions are read below, at once.
const desk = useQueueDesk('2026-12-09T08:00', { ESCALA_DB_POOL_MAX: '2' });

interface PlanCount {
  statement: string;
  generic: number;
  custom: number;
}

describe('the request path plans its statements once', () => {
  it('runs the creation, the pending check and the take on the plan made at their first call', async () => {
    await desk.drain('N1');
    const agent = await desk.newAgent('N1');
    for (let i = 0; i < 8; i++) await desk.openTicket(`2026-12-09T09:0${i}`);
    setNow('2026-12-09T10:00');
    for (let i = 0; i < 8; i++) {
      const next = await desk.t.request('POST', '/queue/next', { token: agent.token });
      expect(next.status).toBe(200);
      // The taken ticket is answered from the statement's row exactly as the ticket reads afterwards.
      const read = await desk.t.request('GET', `/tickets/${next.body.ticket.id}`, { token: agent.token });
      expect(next.body.ticket).toEqual(read.body);
    }

    const em = desk.t.app.get(EntityManager).fork();
    // Each read holds its session long enough for the other to be given the second one.
    const sessions = await Promise.all(
      [0, 1].map(() =>
        em.execute<PlanCount[]>(
          `select left(statement, 60) as statement, generic_plans::int as generic, custom_plans::int as custom
           from pg_prepared_statements, pg_sleep(0.3) where name like 'escala\\_%'`,
        ),
      ),
    );
    const plans = sessions.flat();
    // The creations, the desk reads and the takes, each run eight times over the two sessions.
    expect(plans.filter((p) => p.generic > 0).length).toBeGreaterThanOrEqual(3);
    expect(plans.reduce((sum, p) => sum + p.generic, 0)).toBeGreaterThanOrEqual(24);
    // Left to choose, PostgreSQL kept custom plans for the pending check: planned again on every call.
    expect(plans.filter((p) => p.custom > 0)).toEqual([]);
  });
});
