import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENSHOTS, assertConsoleBuilt, logIn, newConsolePage } from './support/browser.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const AGENT = { login: 'carla', password: 'carla-password-1' };
const day = (fromToday: number) => new Date(Date.now() + fromToday * 86_400_000).toISOString().slice(0, 10);

/** Mantine links a field to its error: the refusal is shown next to the field the server named. */
async function refusedField(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const page = field.page();
  const texts = await Promise.all(
    describedBy
      .split(' ')
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).innerText()),
  );
  return texts.join(' ');
}

/** An agent works a cancellation ticket through the playbook panels of the ticket page, in headless Chromium. */
describe('web console ticket page: deadlines, implementation, mediation, partner product, error sheet, cancellation checklist, entitlements', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let ticketId: string;

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
    const agent = await as('POST', '/users', { ...AGENT, displayName: 'Carla Souza', roles: ['agent'] });
    await as('PUT', `/support-members/${agent.id}`, { unitKey: 'N4', channel: 'web' });
    const customer = await as('POST', '/customers', {
      name: 'Escritório Moreira',
      contacts: [{ name: 'Paulo', email: 'paulo@moreira.com.br' }],
      products: [{ product: 'Contábil Premium', contractedOn: '2024-01-10' }],
      implementation: [{ scheduledFor: day(5), module: 'Folha' }],
    });
    const ticket = await as('POST', '/tickets', {
      customerId: customer.id,
      contactId: customer.contacts[0].id,
      channel: 'email',
      category: 'cancelamento',
      subject: 'Cancelamento do contrato',
      description: 'O cliente pediu o cancelamento.',
      assigneeId: agent.id,
    });
    ticketId = ticket.id;
    browser = await launchChromium();
    page = await newConsolePage(browser, { width: 1280, height: 1000 });
    await logIn(page, t.baseUrl, AGENT.login, AGENT.password);
    await page.getByRole('heading', { name: 'Próximo atendimento' }).waitFor();
    await page.goto(`${t.baseUrl}/console/tickets/${ticketId}`);
    await page.getByRole('heading', { name: `Atendimento #${ticket.number}` }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('records a customer deadline, refusing an empty one next to its fields, and shows the implementation at risk', async () => {
    await page.getByRole('button', { name: 'Registrar prazo' }).click();
    expect(await refusedField(page.getByLabel('O que vence (ex.: fechamento da folha)'))).not.toBe('');
    await page.getByLabel('O que vence (ex.: fechamento da folha)').fill('Fechamento da folha');
    await page.getByLabel('Data', { exact: true }).fill(day(7));
    await page.getByRole('button', { name: 'Registrar prazo' }).click();
    await page.getByRole('list', { name: 'Prazos do cliente' }).getByText('Fechamento da folha').waitFor();
    await page.getByRole('button', { name: 'Visualizar implantação' }).click();
    const atRisk = page.getByRole('table', { name: 'Implantação do cliente em risco' });
    await atRisk.getByRole('cell', { name: 'Folha' }).waitFor();
  });

  it('opens a third-party mediation, records the first contact and shows the attempt and the next milestones', async () => {
    await page.getByLabel('Terceiro (empresa ou pessoa)').fill('Contabilidade Parceira');
    await page.getByLabel('Verificação necessária').fill('Confirmar o XML enviado à SEFAZ');
    await page.getByRole('button', { name: 'Abrir mediação' }).click();
    await page.getByText('Aguardando o primeiro contato', { exact: true }).waitFor();
    const mediation = page.getByRole('region', { name: 'Mediação com terceiro' });
    await mediation.getByLabel('Meio').first().click();
    await page.getByRole('option', { name: 'e-mail' }).click();
    await page.getByLabel('Para (endereço, número ou pessoa)').fill('suporte@parceira.com.br');
    await page.getByRole('button', { name: 'Registrar contato enviado' }).click();
    await page
      .getByRole('list', { name: 'Tentativas de contato' })
      .getByText('Contato inicial por e-mail para suporte@parceira.com.br', { exact: false })
      .waitFor();
    const milestones = page.getByTestId('mediation-milestones');
    await milestones.waitFor();
    expect(await milestones.innerText()).toMatch(/Reenviar ao terceiro|Relatório ao cliente/);
  });

  it("marks the demand as a partner's product and asks to include the case in the error-correction sheet", async () => {
    const partner = page.getByRole('region', { name: 'Produto de parceiro' });
    await partner.getByLabel('Parceiro').fill('Sistemas Alfa');
    await partner.getByRole('button', { name: 'Marcar como produto de parceiro' }).click();
    expect(await refusedField(partner.getByLabel('Produto'))).not.toBe('');
    await partner.getByLabel('Produto').fill('Alfa Folha');
    await partner.getByRole('button', { name: 'Marcar como produto de parceiro' }).click();
    await partner.getByText('Resposta enviada ao cliente:').waitFor();

    // The "Salvo" toast sits over the bottom of the page, where this panel is, until it closes itself
    // (a pointer resting on it keeps it open).
    await page.mouse.move(0, 0);
    await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached' });
    const sheet = page.getByRole('region', { name: 'Controle de Correção de Erros' });
    await sheet.getByRole('button', { name: 'Pedir inclusão na planilha' }).click();
    expect(await refusedField(sheet.getByLabel('O que incluir na planilha'))).not.toBe('');
    await sheet.getByLabel('O que incluir na planilha').fill('Cálculo do DARF arredonda errado');
    await sheet.getByRole('button', { name: 'Pedir inclusão na planilha' }).click();
    await sheet.getByText('Pedido aguardando autorização').waitFor();
  });

  it('lists what blocks closing the cancellation and clears it as the contact and the real reason are recorded', async () => {
    const missing = page.getByTestId('cancellation-missing');
    await expect.poll(() => missing.getByRole('listitem').count()).toBe(2);
    await page.getByLabel('Quando').fill('2026-12-01T10:30');
    const checklist = page.getByRole('region', { name: 'Checklist do cancelamento' });
    await checklist.getByLabel('Meio').first().click();
    await page.getByRole('option', { name: 'telefone' }).click();
    await page.getByRole('button', { name: 'Registrar contato', exact: true }).click();
    // Nobody was named: the server refuses `withWhom`, and the console says so under that field.
    expect(await refusedField(page.getByLabel('Com quem'))).not.toBe('');
    await page.getByLabel('Com quem').fill('Paulo (sócio)');
    await page.getByRole('button', { name: 'Registrar contato', exact: true }).click();
    await expect.poll(() => missing.getByRole('listitem').count()).toBe(1);

    await page.getByLabel('Motivo real').first().click();
    await page.getByRole('option', { name: 'Migração para sistema parceiro/concorrente' }).click();
    await page.getByLabel('Detalhes').fill('Vai usar o sistema do novo contador.');
    await page.getByRole('button', { name: 'Registrar motivo' }).click();
    expect(await refusedField(page.getByLabel('Sistema parceiro/concorrente'))).toContain('SIEG');
    await page.getByLabel('Sistema parceiro/concorrente').fill('SIEG');
    await page.getByRole('button', { name: 'Registrar motivo' }).click();
    await page.getByText('Tudo registrado: o cancelamento pode ser encerrado.').waitFor();

    await page.getByLabel('Mudar situação').first().click();
    await page.getByRole('option', { name: 'Resolvido' }).click();
    await page.getByRole('button', { name: 'Mudar situação' }).click();
    await page.getByText('Situação: Resolvido').waitFor();
  });

  it("shows the customer's entitlements from the contracted products", async () => {
    await page.getByRole('heading', { name: 'Direitos do cliente' }).waitFor();
    await page.getByText('Contábil Premium', { exact: false }).first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'agent-ticket-panels.png'), fullPage: true });
  });
});
