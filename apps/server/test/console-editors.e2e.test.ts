import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, assertConsoleBuilt, logIn, newConsolePage } from './support/browser.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ADMIN = { login: 'ana.admin', password: 'ana-password-123' };
const KEY = 'partner-product.customer-message';

/** An admin using the editors of the console, in headless Chromium. */
describe('web console: an admin edits the playbook texts and places people', () => {
  let t: TestApp;
  let team: SupportTeam;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    team = await setUpTeam(t, 'two-stage-n1');
    const admin = await t.request('POST', '/users', {
      token: team.admin,
      body: { ...ADMIN, displayName: 'Ana Admin', roles: ['admin'] },
    });
    expect(admin.status).toBe(201);
    browser = await launchChromium();
    page = await newConsolePage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sees the draft rendered as it is typed, is told which variable is unknown, and saves', async () => {
    await logIn(page, t.baseUrl, ADMIN.login, ADMIN.password);
    await page.getByRole('link', { name: 'Modelos de texto' }).click();
    await page.getByRole('heading', { name: 'Modelos de texto do playbook' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^${KEY} · pt-BR`) }).click();

    const body = page.getByRole('textbox', { name: 'Texto', exact: true });
    const preview = page.getByTestId('template-preview');
    await body.fill('Olá {{customerName}}, a {{partnerName}} cuidará do {{productName}}.');
    await preview.filter({ hasText: 'Olá «customerName», a «partnerName» cuidará do «productName».' }).waitFor();

    await body.fill('Olá {{senha}}');
    await page.getByText('unknown variable "senha"', { exact: false }).waitFor();

    await body.fill('Olá {{customerName}}: falaremos sobre {{productName}}.');
    await preview.filter({ hasText: 'Olá «customerName»: falaremos sobre «productName».' }).waitFor();
    await page.getByRole('button', { name: 'Salvar' }).click();
    await page.getByRole('status').filter({ hasText: 'Salvo' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-templates.png'), fullPage: true });

    const saved = await t.request('GET', `/playbook/templates/${KEY}/pt-BR`, { token: team.admin });
    expect(saved.body).toMatchObject({
      overridden: true,
      body: 'Olá {{customerName}}: falaremos sobre {{productName}}.',
    });
  });

  it('places a new person in a stage of the structure', async () => {
    const bruno = await t.request('POST', '/users', {
      token: team.admin,
      body: { login: 'bruno.novo', displayName: 'Bruno Novo', roles: ['agent'], password: 'bruno-password-123' },
    });
    expect(bruno.status).toBe(201);
    await page.getByRole('link', { name: 'Pessoas e posições' }).click();
    await page.getByRole('heading', { name: 'Pessoas, papéis e posições' }).waitFor();
    const row = page.getByTestId('user-row').filter({ hasText: 'bruno.novo' });
    await row.getByRole('combobox', { name: 'Nível/etapa de Bruno Novo' }).click();
    await page.getByRole('option', { name: /\(N1-E2\)$/ }).click();
    await row.getByRole('button', { name: 'Posicionar' }).click();
    await row.getByRole('status').filter({ hasText: 'Posicionada em N1-E2' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-users.png'), fullPage: true });

    const members = await t.request('GET', '/support-members?unitKey=N1-E2', { token: team.admin });
    expect(members.body.items).toContainEqual(
      expect.objectContaining({ userId: bruno.body.id, unitKey: 'N1-E2', function: 'agent' }),
    );
  });
});
