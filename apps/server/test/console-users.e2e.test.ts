import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, assertConsoleBuilt, logIn, newConsolePage } from './support/browser.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const ADMIN = { login: 'rui.admin', password: 'rui-password-12345' };

/** An admin, in headless Chromium, creates a person, links their outside identities and deactivates them. */
describe('web console: an admin manages people', () => {
  let t: TestApp;
  let team: SupportTeam;
  let browser: Browser;
  let page: Page;
  let initialPassword = '';

  const row = () => page.getByTestId('user-row').filter({ hasText: 'dani.n1' });
  const userId = async () => {
    const users = await t.request('GET', '/users', { token: team.admin });
    return (users.body.items as { id: string; login: string }[]).find((user) => user.login === 'dani.n1')!.id;
  };

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    team = await setUpTeam(t, 'two-stage-n1');
    const admin = await t.request('POST', '/users', {
      token: team.admin,
      body: { ...ADMIN, displayName: 'Rui Admin', roles: ['admin'] },
    });
    expect(admin.status).toBe(201);
    browser = await launchChromium();
    page = await newConsolePage(browser, { width: 1400, height: 900 });
    await logIn(page, t.baseUrl, ADMIN.login, ADMIN.password);
    await page.getByRole('link', { name: 'Pessoas e posições' }).click();
    await page.getByRole('heading', { name: 'Pessoas, papéis e posições' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a person, refusing a bad login under its field, and shows the generated password once', async () => {
    const form = page.getByRole('region', { name: 'Nova pessoa' });
    await form.getByLabel('Usuário (login)').fill('dani souza');
    await form.getByLabel('Nome').fill('Dani Souza');
    await form.getByRole('button', { name: 'Criar pessoa' }).click();
    await expect.poll(() => form.getByLabel('Usuário (login)').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Usuário (login)').fill('dani.n1');
    await form.getByRole('button', { name: 'Criar pessoa' }).click();
    const shown = form.getByRole('status').filter({ hasText: 'Senha inicial' });
    await shown.waitFor();
    initialPassword = /: (\S+)$/.exec((await shown.textContent())!)![1]!;
    expect((await t.login('dani.n1', initialPassword)).length).toBeGreaterThan(16);
    await row().waitFor();
  });

  it("links the person's e-mail and Teams identities, refusing a Teams id that is not a GUID", async () => {
    const identities = row().getByRole('region', { name: 'Identidades em outros sistemas — Dani Souza' });
    await identities.getByRole('textbox', { name: 'Identificador' }).fill('Dani@Exemplo.com.br');
    await identities.getByRole('button', { name: 'Vincular' }).click();
    await identities.getByText('E-mail: dani@exemplo.com.br').waitFor();
    await identities.getByRole('combobox', { name: 'Sistema' }).click();
    await page.getByRole('option', { name: 'Microsoft Teams (Entra)' }).click();
    const id = identities.getByRole('textbox', { name: 'Identificador' });
    await id.fill('not-a-guid');
    await identities.getByRole('button', { name: 'Vincular' }).click();
    await expect.poll(() => id.getAttribute('aria-invalid')).toBe('true');
    await id.fill('6F1D2C3B-4A59-4E68-9D7C-8B9A0F1E2D3C');
    await identities.getByRole('button', { name: 'Vincular' }).click();
    await identities.getByText('Microsoft Teams (Entra): 6f1d2c3b-4a59-4e68-9d7c-8b9a0f1e2d3c').waitFor();
    await identities.getByRole('button', { name: 'Remover E-mail dani@exemplo.com.br' }).click();
    await identities.getByText('E-mail: dani@exemplo.com.br').waitFor({ state: 'detached' });
    const linked = await t.request('GET', `/users/${await userId()}/external-identities`, { token: team.admin });
    expect(linked.body.items).toEqual([
      expect.objectContaining({ system: 'entra', id: '6f1d2c3b-4a59-4e68-9d7c-8b9a0f1e2d3c' }),
    ]);
  });

  it('is shown the tickets the person holds instead of deactivating them, then deactivates once reassigned', async () => {
    const dani = await userId();
    const ticket = await t.request('POST', '/tickets', {
      token: team.admin,
      body: ticketBody(team, { category: 'duvida-utilizacao', subject: 'Livro fiscal não fecha', assigneeId: dani }),
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    await row().getByRole('button', { name: 'Desativar Dani Souza' }).click();
    const held = row().getByTestId('held-tickets');
    await held.getByRole('link', { name: `#${ticket.body.number} Livro fiscal não fecha` }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-people.png'), fullPage: true });

    const reassigned = await t.request('PATCH', `/tickets/${ticket.body.id}`, {
      token: team.admin,
      body: { assigneeId: team.people['N1-E1']!.id },
    });
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200);
    await row().getByRole('button', { name: 'Desativar Dani Souza' }).click();
    await row().getByRole('button', { name: 'Reativar Dani Souza' }).waitFor();
    expect(await row().textContent()).toContain('inativa');
    const login = await t.request('POST', '/auth/login', { body: { login: 'dani.n1', password: initialPassword } });
    expect(login.status).toBe(401);
  });
});
