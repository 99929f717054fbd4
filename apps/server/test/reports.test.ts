import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The app runs in this process: faking Date moves the clocks the reports replay. */
const setNow = (local: string) => vi.setSystemTime(new Date(`${local}-03:00`));

let t: TestApp;
let team: SupportTeam;
const agent = () => team.people['N1-E1']!.token;
const leader = () => team.people.leader!.token;
const PERIOD = 'from=2026-12-07&to=2026-12-09';

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setNow('2026-12-07T08:00');
  t = await startTestApp({ ESCALA_TIMER_TICK_MS: '0', ESCALA_SESSION_TTL_MINUTES: '43200' });
  team = await setUpTeam(t, 'two-stage-n1');

  // Monday 7 Dec: two questions for N1-E1 (1 h analysis); one is analysed in 30 min, the other never.
  const analysed = await open({ category: 'duvida-utilizacao', subject: 'Relatório não abre' });
  const forgotten = await open({ category: 'duvida-utilizacao', subject: 'Tela lenta' });
  setNow('2026-12-07T08:30');
  await ok(
    t.request('POST', `/tickets/${analysed.id}/entries`, {
      token: agent(),
      body: { kind: 'internal', body: 'Reproduzido: falta índice.' },
    }),
  );

  // A cancellation to a competitor, with its contact and reason, resolved on Tuesday.
  setNow('2026-12-08T09:00');
  const cancellation = await open({ category: 'cancelamento', subject: 'Cancelar contrato' });
  await ok(
    t.request('PUT', `/tickets/${cancellation.id}/cancellation/contact`, {
      token: agent(),
      body: { at: '2026-12-08T08:50:00-03:00', means: 'phone', withWhom: 'Maria (sócia)' },
    }),
  );
  await ok(
    t.request('PUT', `/tickets/${cancellation.id}/cancellation/reason`, {
      token: agent(),
      body: {
        code: 'moving-to-other-system',
        competitorSystem: 'Sistema Concorrente',
        details: 'Preço menor no concorrente.',
      },
    }),
  );
  await ok(t.request('POST', `/tickets/${cancellation.id}/status`, { token: agent(), body: { status: 'resolved' } }));

  // A question waiting on a third party since Tuesday 10:00.
  setNow('2026-12-08T10:00');
  const waiting = await open({ category: 'duvida-utilizacao', subject: 'XML do fornecedor inválido' });
  await ok(
    t.request('POST', `/tickets/${waiting.id}/mediation`, {
      token: agent(),
      body: {
        thirdPartyName: 'Software Fiscal Ltda',
        verificationNeeded: 'Versão do layout do XML',
        companyName: 'Escala Sistemas',
      },
    }),
  );
  await ok(
    t.request('POST', `/tickets/${waiting.id}/mediation/contacts`, {
      token: agent(),
      body: { means: 'email', to: 'suporte@softwarefiscal.com.br' },
    }),
  );

  setNow('2026-12-09T10:00');
  void forgotten;
});
afterAll(async () => {
  await t.close();
  vi.useRealTimers();
});

async function ok(pending: Promise<{ status: number; body: any }>) {
  const response = await pending;
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response.body;
}
const open = (overrides: Record<string, unknown>) =>
  ok(t.request('POST', '/tickets', { token: agent(), body: ticketBody(team, overrides) })) as Promise<{ id: string }>;
const report = (name: string, query = PERIOD, token = leader()) =>
  t.request('GET', `/reports/${name}?${query}`, { token });

describe('reports for leaders and admins', () => {
  it('counts SLA compliance per tier, the breach staying with the tier whose clock ran out', async () => {
    const response = await report('sla-compliance');
    expect(response.status).toBe(200);
    expect(response.body.columns).toEqual(['tier', 'clock', 'clocks', 'met', 'breached', 'open', 'compliancePct']);
    expect(response.body.rows).toContainEqual({
      tier: 'N1-E1',
      clock: 'analysis',
      clocks: 4,
      met: 2,
      breached: 2,
      open: 0,
      compliancePct: 50,
    });
  });

  it('reports how long the met clocks took, in business hours', async () => {
    const rows = (await report('response-times')).body.rows;
    expect(rows).toContainEqual(expect.objectContaining({ tier: 'N1-E1', clock: 'analysis', count: 2 }));
    const analysis = rows.find((row: { clock: string }) => row.clock === 'analysis');
    expect(analysis.longestHours).toBeGreaterThanOrEqual(0.5);
  });

  it('counts cancellations by reason with the competitor system named', async () => {
    const rows = (await report('cancellation-reasons')).body.rows;
    expect(rows).toEqual([{ reason: 'moving-to-other-system', competitorSystem: 'Sistema Concorrente', tickets: 1 }]);
  });

  it('shows how long a third party has kept us waiting', async () => {
    const rows = (await report('third-party-waits')).body.rows;
    expect(rows).toEqual([
      {
        thirdParty: 'Software Fiscal Ltda',
        mediations: 1,
        open: 1,
        averageWaitHours: 24,
        longestWaitHours: 24,
        resends: 0,
      },
    ]);
  });

  it('draws the backlog day by day: opened, closed and left open', async () => {
    const rows = (await report('backlog')).body.rows;
    expect(rows).toEqual([
      { day: '2026-12-07', opened: 2, closed: 0, backlog: 2 },
      { day: '2026-12-08', opened: 2, closed: 1, backlog: 3 },
      { day: '2026-12-09', opened: 0, closed: 0, backlog: 3 },
    ]);
  });

  it('exports the same rows as CSV for a spreadsheet', async () => {
    const response = await report('backlog', `${PERIOD}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="backlog-2026-12-07-2026-12-09.csv"',
    );
    expect(response.body).toBe('day,opened,closed,backlog\n2026-12-07,2,0,2\n2026-12-08,2,1,3\n2026-12-09,0,0,3\n');
  });

  it('refuses an unknown report, a reversed or too long period and stray parameters', async () => {
    expect((await report('salaries')).status).toBe(400);
    const reversed = await report('backlog', 'from=2026-12-09&to=2026-12-07');
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('`from` must not be after `to`');
    expect((await report('backlog', 'from=2024-01-01&to=2026-12-07')).status).toBe(400);
    expect((await report('backlog', 'from=yesterday')).status).toBe(400);
    expect((await report('backlog', `${PERIOD}&limit=1;drop table tickets`)).status).toBe(400);
  });

  it('is for leaders and admins only', async () => {
    expect((await report('backlog', PERIOD, agent())).status).toBe(403);
    expect((await report('backlog', PERIOD, team.admin)).status).toBe(200);
  });
});
