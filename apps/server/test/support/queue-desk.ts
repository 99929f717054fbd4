import { afterAll, beforeAll, expect, vi } from 'vitest';
import { TicketEntriesService } from '@escala/core';
import { sql } from './sql.js';
import { setUpTeam, ticketBody, type SupportTeam, type TeamMember } from './support-team.js';
import { startTestApp, type TestApp } from './test-app.js';

/** São Paulo local time; with `vi.useFakeTimers({ toFake: ['Date'] })` the in-process app follows it. */
export const sp = (local: string) => new Date(`${local}-03:00`);
export const setNow = (local: string) => vi.setSystemTime(sp(local));

/**
 * Agents, tickets and customer messages for queue tests. `context` is read at call time, so a file
 * can build the desk before its `beforeAll` has started the app.
 */
export function queueDesk(context: () => { t: TestApp; team: SupportTeam }) {
  let agents = 0;
  return {
    /** Another agent placed in `unitKey` (phone or web: one queue either way). */
    async newAgent(unitKey: string, channel: 'web' | 'phone' = 'web'): Promise<TeamMember & { displayName: string }> {
      const { t, team } = context();
      const login = `agent${++agents}.${unitKey.toLowerCase()}`;
      const displayName = `Agente ${agents}`;
      const user = await t.request('POST', '/users', {
        token: team.admin,
        body: { login, displayName, roles: ['agent'], password: 'agent-password-123' },
      });
      expect(user.status).toBe(201);
      expect(
        (await t.request('PUT', `/support-members/${user.body.id}`, { token: team.admin, body: { unitKey, channel } }))
          .status,
      ).toBe(200);
      return { id: user.body.id, displayName, token: await t.login(login, 'agent-password-123') };
    },

    async openTicket(local: string, overrides: Record<string, unknown> = {}) {
      const { t, team } = context();
      setNow(local);
      const created = await t.request('POST', '/tickets', {
        token: team.people.leader!.token,
        body: ticketBody(team, { category: 'configuracao-email', ...overrides }),
      });
      expect(created.status).toBe(201);
      return created.body as { id: string; number: number };
    },

    /** A customer's message, as an inbound connector records it. */
    customerWrites(ticketId: string, body: string) {
      return context()
        .t.app.get(TicketEntriesService)
        .add({ system: 'email' }, ticketId, { kind: 'public', body, attachments: [], fromCustomer: true });
    },

    async drain(unitKey: string) {
      await sql(context().t, `delete from queue_entries where unit_key = $1`, [unitKey]);
    },
  };
}

/**
 * Boots the app with Date faked from `startLocal` and an N1–N5 team for the file; `desk.t` and
 * `desk.team` are there once `beforeAll` has run. The app runs in this process, so faking Date
 * moves its clock (ticket times, queue waits, pending checks).
 */
export function useQueueDesk(startLocal: string, env: Record<string, string> = {}) {
  const context = {} as { t: TestApp; team: SupportTeam };
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    setNow(startLocal);
    // Sessions outlive the days the tests move through.
    context.t = await startTestApp({ ESCALA_SESSION_TTL_MINUTES: '43200', ...env });
    context.team = await setUpTeam(context.t, 'n1-n5');
  });
  afterAll(async () => {
    await context.t.close();
    vi.useRealTimers();
  });
  return Object.assign(
    context,
    queueDesk(() => context),
  );
}
