import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityManager, RequestContext } from '@mikro-orm/postgresql';
import pg from 'pg';
import { PlaybookTemplatesService } from '@escala/core';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'partner-product.customer-message';
const view = {
  customerName: 'Escritório Gama',
  ticketNumber: 'SSC-77',
  productName: 'SIEG Cofre',
  partnerName: 'SIEG',
};

describe('playbook templates: admins edit the texts, effective at once', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin', ADMIN_PASSWORD);
    await t.request('POST', '/users', {
      token: admin,
      body: { login: 'joana', displayName: 'Joana', roles: ['agent'], password: 'joana-password-123' },
    });
    agent = await t.login('joana', 'joana-password-123');
  });
  afterAll(() => t.close());

  function renderAsTicketLayer(locale: 'pt-BR' | 'en'): Promise<string> {
    return RequestContext.create(t.app.get(EntityManager), () =>
      t.app.get(PlaybookTemplatesService).render(KEY, locale, view),
    );
  }

  it('renders the shipped pt-BR text with the ticket data', async () => {
    const preview = await t.request('POST', `/playbook/templates/${KEY}/pt-BR/preview`, {
      token: admin,
      body: { view },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.text).toContain(
      'A sua solicitação SSC-77 envolve o produto SIEG Cofre, da empresa parceira SIEG. A empresa parceira entrará em contato',
    );
  });

  it("uses an admin's edit from the next rendering on, audited, and can return to the default", async () => {
    const put = await t.request('PUT', `/playbook/templates/${KEY}/pt-BR`, {
      token: admin,
      body: { body: 'Olá, {{customerName}}: a {{partnerName}} falará com você sobre {{productName}}.' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ key: KEY, locale: 'pt-BR', overridden: true });

    const preview = await t.request('POST', `/playbook/templates/${KEY}/pt-BR/preview`, {
      token: admin,
      body: { view },
    });
    expect(preview.body.text).toBe('Olá, Escritório Gama: a SIEG falará com você sobre SIEG Cofre.');
    // What the ticket layer calls, in its own context as a request or job would have.
    expect(await renderAsTicketLayer('pt-BR')).toBe('Olá, Escritório Gama: a SIEG falará com você sobre SIEG Cofre.');
    expect(await renderAsTicketLayer('en')).toContain('The partner company will contact you');

    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      "select action, actor_label, after from audit_records where subject_type = 'playbook_template' order by id",
    );
    await client.end();
    expect(rows).toEqual([
      {
        action: 'playbook.template_overridden',
        actor_label: 'admin',
        after: { body: 'Olá, {{customerName}}: a {{partnerName}} falará com você sobre {{productName}}.' },
      },
    ]);

    const reset = await t.request('DELETE', `/playbook/templates/${KEY}/pt-BR`, { token: admin });
    expect(reset.body.overridden).toBe(false);
    expect(await renderAsTicketLayer('pt-BR')).toContain('A empresa parceira entrará em contato');
  });

  it('refuses a body with an unknown variable, naming it, and changes nothing', async () => {
    const put = await t.request('PUT', `/playbook/templates/${KEY}/pt-BR`, {
      token: admin,
      body: { body: 'Olá {{cliente}}' },
    });
    expect(put.status).toBe(400);
    expect(put.body.errors).toEqual([{ field: 'body', message: 'unknown variable "cliente"' }]);
    expect((await t.request('GET', `/playbook/templates/${KEY}/pt-BR`, { token: admin })).body.overridden).toBe(false);
  });

  it('answers a preview with a missing variable with 400 naming it', async () => {
    const preview = await t.request('POST', `/playbook/templates/${KEY}/pt-BR/preview`, {
      token: admin,
      body: { view: { customerName: 'Gama' } },
    });
    expect(preview.status).toBe(400);
    expect(preview.body.errors.map((error: { message: string }) => error.message)).toEqual([
      'missing variable "ticketNumber"',
      'missing variable "productName"',
      'missing variable "partnerName"',
    ]);
  });

  it('previews a draft wording without saving it, and names an unknown variable in the draft', async () => {
    const draft = await t.request('POST', `/playbook/templates/${KEY}/pt-BR/preview`, {
      token: admin,
      body: { view, body: 'Rascunho para {{customerName}} sobre {{productName}}.' },
    });
    expect(draft.status).toBe(200);
    expect(draft.body.text).toBe('Rascunho para Escritório Gama sobre SIEG Cofre.');
    expect((await t.request('GET', `/playbook/templates/${KEY}/pt-BR`, { token: admin })).body.overridden).toBe(false);

    const hostile = await t.request('POST', `/playbook/templates/${KEY}/pt-BR/preview`, {
      token: admin,
      body: { view, body: 'Olá {{password}}' },
    });
    expect(hostile.status).toBe(400);
    expect(hostile.body.errors[0]).toMatchObject({ field: 'body' });
    expect(hostile.body.errors[0].message).toContain('password');
  });

  it('validates key and locale, and keeps agents out', async () => {
    expect((await t.request('GET', `/playbook/templates/${KEY}/fr`, { token: admin })).status).toBe(400);
    expect((await t.request('GET', '/playbook/templates/no-such-template/pt-BR', { token: admin })).status).toBe(404);
    expect(
      (await t.request('PUT', `/playbook/templates/${KEY}/pt-BR`, { token: agent, body: { body: 'x' } })).status,
    ).toBe(403);
    const list = await t.request('GET', '/playbook/templates', { token: admin });
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        key: 'sensitive-data.notice.access-data+digital-certificate',
        locale: 'pt-BR',
        overridden: false,
      }),
    );
  });
});
