import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TimerScheduler } from '@escala/core';
import { launchChromium, SCREENSHOTS, assertConsoleBuilt, logIn, newConsolePage } from './support/browser.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const LEADER = { login: 'lia.lider', password: 'lia-password-12345' };

/** The app runs in this process: faking Date moves the server's clock, and the test ticks the scheduler. */
const setNow = (local: string) => vi.setSystemTime(new Date(`${local}-03:00`));

/**
 * A leader, in headless Chromium, sees who a breached SLA is blamed on, authorises one error-sheet
 * inclusion and declines another with a reason, and records a partner notification.
 */
describe('web console: a leader sees a breached SLA with its blame and decides on approvals', () => {
  let t: TestApp;
  let team: SupportTeam;
  let browser: Browser;
  let page: Page;
  let ticket: { id: string; number: number };
  let toDecline: { id: string; number: number };
  let partnerTicket: { id: string; number: number };

  const agentOpens = async (subject: string) => {
    const created = await t.request('POST', '/tickets', {
      token: team.people['N1-E1']!.token,
      body: ticketBody(team, { category: 'duvida-utilizacao', subject }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; number: number };
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    vi.useFakeTimers({ toFake: ['Date'] });
    setNow('2026-12-07T10:00');
    t = await startTestApp({ ESCALA_TIMER_TICK_MS: '0', ESCALA_SESSION_TTL_MINUTES: '43200' });
    team = await setUpTeam(t, 'two-stage-n1');
    const leader = await t.request('POST', '/users', {
      token: team.admin,
      body: { ...LEADER, displayName: 'Lia Líder', roles: ['leader'] },
    });
    expect(leader.status).toBe(201);
    const created = await t.request('POST', '/tickets', {
      token: team.people['N1-E1']!.token,
      body: ticketBody(team, { category: 'duvida-utilizacao', subject: 'Nota fiscal rejeitada' }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ticket = created.body;
    // The N1 agent takes it and lets the 1 h analysis target pass: the breach is theirs.
    await t.request('POST', '/queue/next', { token: team.people['N1-E1']!.token });
    setNow('2026-12-07T11:05');
    await t.app.get(TimerScheduler).tick();
    const requested = await t.request('POST', `/tickets/${ticket.id}/error-sheet-requests`, {
      token: team.people['N1-E1']!.token,
      body: { description: 'Rejeição 539 na emissão da NF-e após a atualização' },
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    toDecline = await agentOpens('Relatório sai em branco');
    const second = await t.request('POST', `/tickets/${toDecline.id}/error-sheet-requests`, {
      token: team.people['N1-E1']!.token,
      body: { description: 'Relatório de apuração em branco, sem passos' },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    partnerTicket = await agentOpens('Boleto da cobrança não registra');
    const marked = await t.request('POST', `/tickets/${partnerTicket.id}/partner-product`, {
      token: team.people['N1-E1']!.token,
      body: { partnerName: 'BoletoFácil', productName: 'Cobrança Online' },
    });
    expect(marked.status, JSON.stringify(marked.body)).toBe(201);
    browser = await launchChromium();
    page = await newConsolePage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    vi.useRealTimers();
  });

  it('shows the breached SLA with who holds the ticket', async () => {
    await logIn(page, t.baseUrl, LEADER.login, LEADER.password);
    await page.getByRole('heading', { name: 'Painel da liderança' }).waitFor();
    const row = page
      .getByRole('table', { name: 'SLA em risco e estourado' })
      .getByRole('row')
      .filter({ hasText: `#${ticket.number}` });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('N1-E1 two-stage-n1');
    // The badge is uppercased by CSS; its text is the translated state.
    expect(await row.textContent()).toContain('Estourado');
  });

  it('authorises the error-sheet inclusion in place', async () => {
    const panel = page.getByRole('region', { name: 'Inclusão no Controle de Correção de Erros' });
    const request = panel.getByTestId('error-sheet-request').filter({ hasText: 'Rejeição 539' });
    await request.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'leader-approvals.png'), fullPage: true });
    await request.getByRole('button', { name: 'Autorizar inclusão' }).click();
    await request.waitFor({ state: 'detached' });
    const listed = await t.request('GET', '/error-sheet-requests?status=authorised', { token: team.admin });
    expect(listed.body.items).toEqual([expect.objectContaining({ ticketId: ticket.id, status: 'authorised' })]);
  });

  it('declines the other inclusion, asking for the reason first and refusing an empty one under the field', async () => {
    const panel = page.getByRole('region', { name: 'Inclusão no Controle de Correção de Erros' });
    const request = panel.getByTestId('error-sheet-request').filter({ hasText: 'Relatório de apuração' });
    await request.getByRole('button', { name: 'Recusar', exact: true }).click();
    const reason = request.getByLabel('Motivo da recusa (o agente lê no atendimento)');
    await request.getByRole('button', { name: 'Recusar inclusão' }).click();
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    await reason.fill('Faltam os passos para reproduzir: anexe-os e peça de novo');
    await request.getByRole('button', { name: 'Recusar inclusão' }).click();
    await request.waitFor({ state: 'detached' });
    const declined = await t.request('GET', '/error-sheet-requests?status=declined', { token: team.admin });
    expect(declined.body.items).toEqual([
      expect.objectContaining({
        ticketId: toDecline.id,
        declineReason: 'Faltam os passos para reproduzir: anexe-os e peça de novo',
      }),
    ]);
  });

  it("records that the partner's support was notified, and the demand leaves the panel", async () => {
    const panel = page.getByRole('region', { name: 'Notificações a parceiros' });
    const item = panel.getByTestId('partner-case').filter({ hasText: `#${partnerTicket.number}` });
    await item.waitFor();
    expect(await item.textContent()).toContain('Parceiro: BoletoFácil — produto: Cobrança Online');
    await item.getByRole('combobox', { name: 'Meio de contato' }).click();
    await page.getByRole('option', { name: 'e-mail' }).click();
    await item.getByLabel('Observação').fill('Chamado 7781 aberto no suporte da BoletoFácil');
    await item.getByRole('button', { name: 'Registrar notificação ao parceiro' }).click();
    await item.waitFor({ state: 'detached' });
    const pending = await t.request('GET', '/partner-cases/pending', { token: team.admin });
    expect(pending.body.items).toEqual([]);
    const entries = await t.request('GET', `/tickets/${partnerTicket.id}/entries`, { token: team.admin });
    expect(JSON.stringify(entries.body.items)).toContain('Chamado 7781 aberto no suporte da BoletoFácil');
  });
});
