import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketEntriesService } from '@escala/core';
import { launchChromium, SCREENSHOTS, assertConsoleBuilt, logIn, newConsolePage } from './support/browser.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const AGENT = { login: 'beatriz', password: 'beatriz-password-1' };
const LEADER = { login: 'ana.lider', password: 'ana-password-123' };

/** The real server on the test database, serving the built console, driven in headless Chromium. */
describe('web console: an agent takes the next ticket and replies, a leader approves, an admin adds a channel', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let ticketNumber: number;
  let ticketId: string;
  let cancellationNumber: number;

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const as = async (method: string, path: string, body: unknown) => {
      const answer = await t.request(method, path, { token: admin, body });
      if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    await as('POST', '/support-structure/versions', { preset: 'n1-n5' });
    const agent = await as('POST', '/users', { ...AGENT, displayName: 'Beatriz Lima', roles: ['agent'] });
    await as('PUT', `/support-members/${agent.id}`, { unitKey: 'N4', channel: 'web' });
    const customer = await as('POST', '/customers', {
      name: 'Contabilidade Silva',
      contacts: [{ name: 'Marina', email: 'marina@silva.com.br' }],
    });
    const ticket = await as('POST', '/tickets', {
      customerId: customer.id,
      contactId: customer.contacts[0].id,
      channel: 'email',
      category: 'financeiro',
      subject: 'Certificado digital vencido',
      description: 'O certificado A1 venceu e a emissão de notas parou.',
    });
    ticketNumber = ticket.number;
    ticketId = ticket.id;
    const cancellation = await as('POST', '/tickets', {
      customerId: customer.id,
      contactId: customer.contacts[0].id,
      channel: 'email',
      category: 'cancelamento',
      subject: 'Quero cancelar o contrato',
      description: 'O cliente pediu o cancelamento por e-mail.',
      assigneeId: agent.id,
    });
    cancellationNumber = cancellation.number;
    await as('POST', '/users', { ...LEADER, displayName: 'Ana Líder', roles: ['leader'] });
    browser = await launchChromium();
    page = await newConsolePage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs in with the form on the first screen', async () => {
    await logIn(page, t.baseUrl, AGENT.login, AGENT.password);
    await page.getByRole('heading', { name: 'Próximo atendimento' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/next');
    // The three skip reasons of seed 002 §4.1 are spelled out where the agent takes work.
    for (const reason of ['Urgente (URGENTE)', 'Cliente entrou em contato novamente', 'E-mail prioritário recebido'])
      await expect(page.getByText(reason, { exact: true }).count()).resolves.toBeGreaterThan(0);
  });

  it('takes the next ticket and lands on its page with the timeline', async () => {
    await page.getByRole('button', { name: 'Pegar o próximo' }).click();
    await page.getByRole('heading', { name: `Atendimento #${ticketNumber}` }).waitFor();
    await page.getByText('Atendimento assumido por Beatriz Lima').waitFor();
  });

  it("shows the system's history lines in the language the agent chooses", async () => {
    const language = page.getByRole('radiogroup', { name: 'Idioma' });
    await language.locator('label', { hasText: /^en$/ }).click();
    await page.getByText('Taken by Beatriz Lima (next in the queue)', { exact: false }).waitFor();
    await page
      .getByRole('radiogroup', { name: 'Language' })
      .locator('label', { hasText: /^pt-BR$/ })
      .click();
    await page.getByText('Atendimento assumido por Beatriz Lima').waitFor();
  });

  it('previews the sensitive-data notice and sends the reply with it appended', async () => {
    const reply = 'Poderia nos enviar a senha do certificado digital?';
    await page.getByRole('textbox', { name: 'Responder ao cliente' }).fill(reply);
    await page.getByTestId('notice-preview').waitFor();
    await page.getByRole('button', { name: 'Enviar resposta' }).click();
    const sent = page.locator('[data-kind="public"]').last();
    await sent.getByText(reply, { exact: false }).waitFor();
    expect(await sent.innerText()).toContain('OBS:');
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-ticket-page.png'), fullPage: true });
    const entries = await t.request('GET', `/tickets/${new URL(page.url()).pathname.split('/').pop()}/entries`, {
      token: await t.login(AGENT.login, AGENT.password),
    });
    const stored = entries.body.items.find((entry: { kind: string }) => entry.kind === 'public');
    expect(stored.body.startsWith(`${reply}\n\nOBS:`)).toBe(true);
  });

  it('declares the service down with urgency from the catalogue: the ticket gets URGENTE', async () => {
    await page.getByLabel('Serviço inoperante', { exact: true }).first().click();
    await page.getByRole('option', { name: 'Download de NF-e (WebService)' }).click();
    await page.getByLabel('Urgência do cliente (ex.: fechamento segunda 09:00)').fill('Fechamento segunda 09:00');
    await page.getByRole('button', { name: 'Marcar URGENTE e alertar a liderança' }).click();
    await page.getByRole('main').getByText('URGENTE', { exact: true }).first().waitFor();
    const stored = await t.request('GET', `/tickets/${ticketId}`, { token: await t.login('admin', ADMIN_PASSWORD) });
    expect(stored.body.tags).toContain('URGENTE');
  });

  it('refuses the next ticket while the customer waits for an answer, naming the pending item', async () => {
    // The customer writes back: a channel brings the message in as a public entry from the customer.
    await t.app.get(TicketEntriesService).add({ system: 'email' }, ticketId, {
      kind: 'public',
      body: 'Segue a senha: ********',
      attachments: [],
      fromCustomer: true,
    });
    await page.getByRole('link', { name: 'Próximo atendimento' }).click();
    await page.getByRole('button', { name: 'Pegar o próximo' }).click();
    const blocked = page.getByRole('alert').filter({ hasText: 'Resolva suas pendências' });
    await blocked.waitFor();
    expect(await blocked.innerText()).toContain(`#${ticketNumber}`);
    expect(await blocked.innerText()).toContain('Resposta do cliente sem retorno');
  });

  it('shows why a cancellation cannot be resolved yet: the contact and the real reason are missing', async () => {
    await page.getByRole('link', { name: 'Meus atendimentos' }).click();
    await page.getByRole('link', { name: new RegExp(`#${cancellationNumber} `) }).click();
    await page.getByRole('heading', { name: `Atendimento #${cancellationNumber}` }).waitFor();
    await page.getByLabel('Mudar situação').first().click();
    await page.getByRole('option', { name: 'Resolvido' }).click();
    await page.getByRole('button', { name: 'Mudar situação' }).click();
    const blocking = page.getByTestId('blocking');
    await blocking.waitFor();
    expect(await blocking.getByRole('listitem').count()).toBe(2);
    expect(await blocking.innerText()).toContain('Registre o contato com o cliente');
  });

  it('lets a leader approve a priority request from the live dashboard', async () => {
    const agent = await t.login(AGENT.login, AGENT.password);
    const requested = await t.request('POST', `/tickets/${ticketId}/priority-requests`, {
      token: agent,
      body: { kind: 'ticket-priority', justification: 'Fechamento fiscal na segunda-feira' },
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const leader = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR' });
    await logIn(leader, t.baseUrl, LEADER.login, LEADER.password);
    await leader.getByRole('heading', { name: 'Painel da liderança' }).waitFor();
    const request = leader.getByTestId('priority-request').filter({ hasText: 'Fechamento fiscal na segunda-feira' });
    await request.waitFor();
    await leader.screenshot({ path: join(SCREENSHOTS, 'leader-dashboard.png'), fullPage: true });
    await request.getByRole('button', { name: 'Aprovar' }).click();
    await request.waitFor({ state: 'detached' });
    const decisions = await t.request('GET', `/tickets/${ticketId}/priority-requests`, { token: agent });
    expect(decisions.body.items[0].status).toBe('approved');
  });

  it('lets an admin create a webhook channel with a secret, shown masked, test it and disable it', async () => {
    const admin = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'pt-BR' });
    await logIn(admin, t.baseUrl, 'admin', ADMIN_PASSWORD);
    await admin.getByRole('link', { name: 'Canais' }).click();
    const form = admin.getByRole('form', { name: 'Novo canal' });
    // Other connectors are installed too (Microsoft Teams): pick the webhook's form.
    await form.getByLabel('Conector').click();
    await admin.getByRole('option', { name: 'Webhook' }).click();
    await form.getByLabel('Nome do canal').fill('Alertas ERP');
    // Nothing listens on port 9: the test connection must report the failure, not hang or pass.
    await form.getByLabel('url').fill('http://127.0.0.1:9/escala');
    await form.getByLabel('signingSecret').fill('segredo-compartilhado-123');
    await admin.screenshot({ path: join(SCREENSHOTS, 'admin-channel-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Criar canal' }).click();
    const channel = admin.getByTestId('channel').filter({ hasText: 'Alertas ERP' });
    await channel.waitFor();
    const shown = await channel.innerText();
    expect(shown).not.toContain('segredo-compartilhado-123');
    expect(shown).toContain('••••');
    await channel.getByRole('button', { name: 'Testar conexão' }).click();
    await channel.getByText('Com falha').waitFor();
    await channel.getByRole('button', { name: 'Desativar' }).click();
    await channel.getByText('Inativo').waitFor();
    const stored = await t.request('GET', '/channels', { token: await t.login('admin', ADMIN_PASSWORD) });
    expect(stored.body.items).toEqual([expect.objectContaining({ name: 'Alertas ERP', enabled: false })]);
  });
});
