import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, assertConsoleBuilt, logIn } from './support/browser.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const LEADER = { login: 'carla.lider', password: 'carla-password-123' };

/** A leader watching the dashboard (pushed changes, no reload) and reading reports, in headless Chromium. */
describe('web console: a leader sees requests arrive live, approves one, and exports a report', () => {
  let t: TestApp;
  let team: SupportTeam;
  let browser: Browser;
  let page: Page;
  let ticketId: string;

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    team = await setUpTeam(t, 'two-stage-n1');
    const leader = await t.request('POST', '/users', {
      token: team.admin,
      body: { ...LEADER, displayName: 'Carla Líder', roles: ['leader'] },
    });
    expect(leader.status).toBe(201);
    const ticket = await t.request('POST', '/tickets', {
      token: team.people['N1-E1']!.token,
      body: ticketBody(team, { category: 'duvida-utilizacao', subject: 'Fechamento do mês travado' }),
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.body.id;
    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'pt-BR',
      // The desk's days are São Paulo days; the report's default period is the browser's.
      timezoneId: 'America/Sao_Paulo',
      acceptDownloads: true,
    });
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a priority request the moment it is made, without reloading, and approves it', async () => {
    await logIn(page, t.baseUrl, LEADER.login, LEADER.password);
    await page.getByRole('heading', { name: 'Painel da liderança' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Ao vivo' }).waitFor();

    // Made after the dashboard loaded: only the pushed change can bring it (the safety-net refetch is a minute away).
    const requested = await t.request('POST', `/tickets/${ticketId}/priority-requests`, {
      token: team.people['N1-E1']!.token,
      body: { kind: 'ticket-priority', justification: 'Auditoria fiscal amanhã cedo' },
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const request = page.getByTestId('priority-request').filter({ hasText: 'Auditoria fiscal amanhã cedo' });
    await request.waitFor();
    await request.getByRole('button', { name: 'Aprovar' }).click();
    await request.waitFor({ state: 'detached' });
    const decided = await t.request('GET', `/tickets/${ticketId}/priority-requests`, { token: team.admin });
    expect(decided.body.items[0].status).toBe('approved');
  });

  it('reads the backlog trend and exports it as CSV', async () => {
    await page.getByRole('link', { name: 'Relatórios' }).click();
    await page.getByRole('heading', { name: 'Relatórios' }).waitFor();
    await page.getByRole('combobox', { name: 'Relatório' }).click();
    await page.getByRole('option', { name: 'Evolução do backlog' }).click();
    await page.getByRole('table', { name: 'Evolução do backlog' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'leader-reports.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportar CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^backlog-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('day,opened,closed,backlog');
    expect(lines).toHaveLength(31);
    // Today's row: the one ticket opened, still open.
    expect(lines.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2},1,0,1$/);
  });
});
