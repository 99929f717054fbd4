import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, assertConsoleBuilt, logIn, newConsolePage } from './support/browser.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

/** What a screen reader announces with a field: the texts its aria-describedby points at (its error among them). */
async function describedAs(field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/** An admin editing the support structure and the desk calendar in headless Chromium. */
describe('web console: an admin edits the support structure and the business calendar', () => {
  let t: TestApp;
  let team: SupportTeam;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    team = await setUpTeam(t, 'two-stage-n1');
    browser = await launchChromium();
    page = await newConsolePage(browser);
    await logIn(page, t.baseUrl, 'admin', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('changes an SLA target and a routing rule, reviews the changes, saves, and a new ticket follows them', async () => {
    await page.getByRole('link', { name: 'Estrutura do suporte' }).click();
    await page.getByRole('heading', { name: 'Estrutura do suporte', level: 1 }).waitFor();
    await page.getByText('Versão ativa: 1').waitFor();

    const stage1 = page.getByTestId('unit-N1-E1');
    await stage1.getByLabel('Análise (horas úteis)').fill('3');
    await page.getByRole('combobox', { name: 'Unidade que recebe Financeiro' }).click();
    await page.getByRole('option', { name: /\(N1-E1\)$/ }).click();
    await page.getByRole('button', { name: 'Revisar alterações' }).click();

    const changes = page.getByTestId('structure-changes');
    await changes.getByRole('row', { name: /Unidade N1-E1 Análise \(horas úteis\) 1 3/ }).waitFor();
    await changes.getByRole('row', { name: /Unidade N1-E2 Roteamento por categoria .*financeiro/ }).waitFor();
    expect(await changes.locator('tbody tr').count()).toBe(3);
    await page.getByRole('textbox', { name: 'Nota da versão' }).fill('Financeiro passa ao estágio 1');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-structure-review.png'), fullPage: true });
    await page.getByRole('button', { name: 'Salvar como nova versão' }).click();
    await page.getByRole('status').filter({ hasText: 'Versão 2 salva e ativa' }).waitFor();
    await page.getByText('Versão ativa: 2').waitFor();
    await page.getByTestId('structure-version').filter({ hasText: 'Financeiro passa ao estágio 1' }).waitFor();

    const ticket = await t.request('POST', '/tickets', {
      token: team.people.leader!.token,
      body: ticketBody(team, { category: 'financeiro' }),
    });
    expect(ticket.body).toMatchObject({ unitKey: 'N1-E1', structureVersion: 2 });
    const sla = await t.request('GET', `/tickets/${ticket.body.id}/sla`, { token: team.admin });
    expect(sla.body.clocks).toContainEqual(
      expect.objectContaining({ unitKey: 'N1-E1', kind: 'analysis', target: expect.objectContaining({ hours: 3 }) }),
    );
  });

  it('shows the server’s refusal of a bad target next to that target, and saves nothing', async () => {
    const stage2 = page.getByTestId('unit-N1-E2');
    const analysis = stage2.getByLabel('Análise (horas úteis)');
    await analysis.fill('-2');
    await page.getByRole('button', { name: 'Revisar alterações' }).click();
    await stage2.locator('input[aria-invalid="true"]').waitFor();
    expect(await describedAs(analysis)).toContain('Too small: expected number to be >0');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-structure-refusal.png'), fullPage: true });
    expect((await t.request('GET', '/support-structure', { token: team.admin })).body.version).toBe(2);
  });

  it('adds a local holiday and sees a Friday-evening ticket fall due a day later, as the server computes it', async () => {
    await page.getByRole('link', { name: 'Calendário e feriados' }).click();
    await page.getByRole('heading', { name: 'Calendário de atendimento e feriados' }).waitFor();
    await page.getByLabel('Chamado aberto em').fill('2027-03-05T17:30');
    await page.getByLabel('Meta (horas úteis)').fill('2');
    const due = page.getByTestId('due-preview');
    await due.filter({ hasText: 'vence em segunda-feira, 08/03/2027 09:30' }).waitFor();

    await page.getByRole('button', { name: 'Adicionar feriado local' }).click();
    await page.getByRole('textbox', { name: 'Data ou regra do feriado local 1' }).fill('2027-03-08');
    await page.getByRole('textbox', { name: 'Nome do feriado local 1' }).fill('Aniversário da empresa');
    await due.filter({ hasText: 'vence em terça-feira, 09/03/2027 09:30' }).waitFor();
    await due.filter({ hasText: 'Feriados pulados: Aniversário da empresa (2027-03-08)' }).waitFor();
    await page
      .getByTestId('holiday-list')
      .getByRole('row', { name: /2027-03-08 Aniversário da empresa/ })
      .waitFor();

    // A period that ends before it starts: the live preview's refusal shows under that field.
    const fridayEnd = page.getByLabel('Fim (sexta-feira, período 1)');
    await fridayEnd.fill('07:00');
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await describedAs(fridayEnd)).toContain('working period 08:00–07:00 is empty');
    await fridayEnd.fill('18:00');
    await due.filter({ hasText: 'vence em terça-feira, 09/03/2027 09:30' }).waitFor();

    await page.getByRole('button', { name: 'Salvar', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Calendário salvo' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-calendar.png'), fullPage: true });
    const saved = await t.request('GET', '/business-calendar', { token: team.admin });
    expect(saved.body.holidays.extra).toEqual([{ rule: '2027-03-08', name: 'Aniversário da empresa' }]);
  });
});
