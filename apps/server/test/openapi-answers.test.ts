import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/test-app.js';

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };

/**
 * The compiler checks each handler's return type against its response schema; this checks what
 * actually goes over the wire (raw SQL rows, JSON columns, Dates) against the served document.
 */
describe('the API answers as its OpenAPI document says', () => {
  let t: TestApp;
  let admin: string;
  let paths: Record<string, Record<string, Operation>>;
  let ticketId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin', ADMIN_PASSWORD);
    const as = async (method: string, path: string, body?: unknown) => {
      const answer = await t.request(method, path, { token: admin, body });
      if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    paths = (await as('GET', '/docs/openapi.json')).paths;
    await as('POST', '/support-structure/versions', { preset: 'n1-n5' });
    const agent = await as('POST', '/users', {
      login: 'davi',
      password: 'davi-password-1',
      displayName: 'Davi Rocha',
      roles: ['agent'],
    });
    await as('PUT', `/support-members/${agent.id}`, { unitKey: 'N1', channel: 'web' });
    const customer = await as('POST', '/customers', {
      name: 'Padaria Central',
      contacts: [{ name: 'Rosa', email: 'rosa@padaria.com.br' }],
      products: [{ product: 'Contábil Premium', contractedOn: '2024-01-10' }],
      implementation: [{ scheduledFor: '2026-12-20', module: 'Fiscal' }],
    });
    const ticket = await as('POST', '/tickets', {
      customerId: customer.id,
      contactId: customer.contacts[0].id,
      channel: 'email',
      category: 'cancelamento',
      subject: 'Cancelar contrato',
      description: 'Pedido de cancelamento.',
      deadlines: [{ description: 'Fechamento', dueOn: '2026-12-28' }],
    });
    ticketId = ticket.id;
    await as('POST', `/tickets/${ticketId}/entries`, { kind: 'internal', body: 'Cliente ligou.', attachments: [] });
    await as('POST', `/tickets/${ticketId}/mediation`, { thirdPartyName: 'Parceira', verificationNeeded: 'XML' });
    await as('POST', `/tickets/${ticketId}/mediation/contacts`, { means: 'email', to: 'suporte@parceira.com.br' });
    await as('POST', `/tickets/${ticketId}/error-sheet-requests`, { description: 'Arredondamento do DARF' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const routes: Array<[string, () => string]> = [
    ['/auth/me', () => '/auth/me'],
    ['/tickets', () => '/tickets'],
    ['/tickets/{id}', () => `/tickets/${ticketId}`],
    ['/tickets/{id}/entries', () => `/tickets/${ticketId}/entries`],
    ['/tickets/{id}/sla', () => `/tickets/${ticketId}/sla`],
    ['/queue/{unitKey}', () => '/queue/N1'],
    ['/support-structure', () => '/support-structure'],
    ['/support-members', () => '/support-members'],
    ['/support-structure/presets', () => '/support-structure/presets'],
    ['/support-structure/versions', () => '/support-structure/versions'],
    ['/support-structure/versions/{version}', () => '/support-structure/versions/1'],
    ['/business-calendar', () => '/business-calendar'],
    ['/playbook/inoperative-services', () => '/playbook/inoperative-services'],
    ['/tickets/{id}/cancellation', () => `/tickets/${ticketId}/cancellation`],
    ['/tickets/{id}/mediation', () => `/tickets/${ticketId}/mediation`],
    ['/tickets/{id}/entitlements', () => `/tickets/${ticketId}/entitlements`],
    ['/tickets/{id}/implementation', () => `/tickets/${ticketId}/implementation`],
    ['/error-sheet-requests', () => '/error-sheet-requests'],
    ['/dashboard', () => '/dashboard'],
    ['/connectors', () => '/connectors'],
    ['/channels', () => '/channels'],
    ['/announcements', () => '/announcements'],
  ];

  it.each(routes)('GET %s', async (documented, path) => {
    const schema = paths[documented]!.get!.responses['200']!.content!['application/json']!.schema;
    const answer = await t.request('GET', path(), { token: admin });
    expect(answer.status).toBe(200);
    const parsed = z.fromJSONSchema(schema as never).safeParse(answer.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('refuses an answer that lacks a documented field or carries a Date the wrong way', async () => {
    const schema = z.fromJSONSchema(
      paths['/tickets/{id}']!.get!.responses['200']!.content!['application/json']!.schema as never,
    );
    const { body } = await t.request('GET', `/tickets/${ticketId}`, { token: admin });
    const { subject: _subject, ...withoutSubject } = body;
    expect(schema.safeParse(withoutSubject).success).toBe(false);
    expect(schema.safeParse({ ...body, createdAt: 'yesterday' }).success).toBe(false);
    expect(schema.safeParse({ ...body, assigneeId: null }).success).toBe(true);
  });
});
