import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_PORTS, type CorePorts } from '@escala/core';
import { assertConsoleBuilt, launchChromium, SCREENSHOTS, logIn, newConsolePage } from './support/browser.js';
import { sql } from './support/sql.js';
import { setUpTeam, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DESK = { login: 'juliana.rel', password: 'juliana-password-123' };
const MESSAGE_ID = '<orcamento-0001@desconhecido.com>';

/** Juliana, of the relationship desk, in headless Chromium, sends an unknown sender's mail to N1 stage 2 as a new ticket. */
describe('web console: the relationship desk redirects a held mail to a new ticket', () => {
  let t: TestApp;
  let team: SupportTeam;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    assertConsoleBuilt();
    t = await startTestApp();
    team = await setUpTeam(t, 'two-stage-n1');
    const desk = await t.request('POST', '/users', {
      token: team.admin,
      body: { ...DESK, displayName: 'Juliana Relacionamento', roles: ['relationship'] },
    });
    expect(desk.status).toBe(201);
    const channelId = randomUUID();
    await sql(
      t,
      `insert into channels (id, connector_key, name, settings, secrets_ciphertext, subscription, enabled, created_at, updated_at)
       values ($1, 'email', 'Caixa do suporte', '{}', null, '{"eventTypes":[],"tiers":[],"stages":[],"tags":[],"categories":[]}', true, now(), now())`,
      [channelId],
    );
    // As the e-mail plugin holds an unknown sender's mail.
    await t.app
      .get<CorePorts>(CORE_PORTS)
      .forChannel(channelId)
      .holdForTriage({
        key: MESSAGE_ID,
        sender: { email: 'fulano@desconhecido.com', name: 'Fulano de Tal' },
        subject: 'Orçamento do módulo fiscal',
        body: 'Bom dia,\n\nGostaria de um orçamento do módulo fiscal para a nossa filial.',
        receivedAt: '2026-12-03T12:11:00.000Z',
        attachments: [{ name: 'filial.pdf', contentType: 'application/pdf', sizeBytes: 2048, url: 'imap://x/;UID=7' }],
        externalReference: { system: 'email', id: MESSAGE_ID },
        category: 'duvida-utilizacao',
      });
    browser = await launchChromium();
    page = await newConsolePage(browser, { width: 1280, height: 1000 });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lands on Triagem, sees the mail, and sends it to N1 stage 2 for the chosen customer', async () => {
    await logIn(page, t.baseUrl, DESK.login, DESK.password);
    await page.getByRole('heading', { name: 'Triagem de e-mails' }).waitFor();
    const card = page.getByRole('article', { name: 'Orçamento do módulo fiscal' });
    await card.getByText('Gostaria de um orçamento do módulo fiscal').waitFor();
    expect(await card.textContent()).toContain('Fulano de Tal <fulano@desconhecido.com>');
    expect(await card.textContent()).toContain('filial.pdf');

    await card.getByRole('combobox', { name: 'Nível, estágio ou mesa' }).click();
    await page.getByRole('option', { name: /^N1-E2 — / }).click();
    await card.getByRole('combobox', { name: 'Cliente' }).click();
    await page.getByRole('option', { name: /^Contabilidade Exemplo/ }).click();
    await page.screenshot({ path: join(SCREENSHOTS, 'relationship-triage.png'), fullPage: true });
    await card.getByRole('button', { name: 'Encaminhar', exact: true }).click();

    const done = page.getByRole('status').filter({ hasText: 'encaminhado: atendimento #' });
    await done.waitFor();
    await card.waitFor({ state: 'detached' });
    const number = Number(/#(\d+)/.exec((await done.textContent()) ?? '')![1]);
    const found = await t.request('GET', `/tickets?q=${encodeURIComponent('Orçamento do módulo fiscal')}`, {
      token: team.admin,
    });
    const ticket = found.body.items.find((item: { number: number }) => item.number === number);
    expect(ticket).toMatchObject({ unitKey: 'N1-E2', customerId: team.customerId, category: 'duvida-utilizacao' });
    // The sender became the customer's contact, so replies reach them and their next mail matches.
    const customer = await t.request('GET', `/customers/${team.customerId}`, { token: team.admin });
    expect(customer.body.contacts.find((c: { id: string }) => c.id === ticket.contactId)).toMatchObject({
      email: 'fulano@desconhecido.com',
    });
    const [reference] = await sql<{ ticket_id: string }>(
      t,
      'select ticket_id from ticket_external_references where external_id = $1',
      [MESSAGE_ID],
    );
    expect(reference?.ticket_id).toBe(ticket.id);
  });
});
