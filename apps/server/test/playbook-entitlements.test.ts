import { beforeAll, describe, expect, it } from 'vitest';
import { ticketBody, useTeamApp } from './support/support-team.js';

const app = useTeamApp();
beforeAll(async () => {
  // The website-creation category the default entitlement rules name, added to the N4 desk.
  const active = await app.t.request('GET', '/support-structure', { token: app.team.admin });
  const definition = active.body.structure;
  definition.categories.push({ key: 'criacao-de-site', label: { 'pt-BR': 'Criação de site', en: 'Website creation' } });
  definition.units.find((u: { key: string }) => u.key === 'N4').categories.push('criacao-de-site');
  const saved = await app.t.request('POST', '/support-structure/versions', {
    token: app.team.admin,
    body: { definition },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
});

async function customerWith(name: string, contractedOn: string) {
  const customer = await app.t.request('POST', '/customers', { token: app.team.admin, body: { name, contacts: [] } });
  const product = await app.t.request('POST', `/customers/${customer.body.id}/products`, {
    token: app.team.admin,
    body: { product: 'Contábil Premium', contractedOn },
  });
  expect(product.status).toBe(201);
  return customer.body.id as string;
}
async function websiteRequest(customerId: string) {
  const created = await app.t.request('POST', '/tickets', {
    token: app.team.people.N4!.token,
    body: ticketBody(app.team, { customerId, contactId: null, category: 'criacao-de-site', subject: 'Quero meu site' }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; tags: string[] };
}
const notes = async (id: string) =>
  (
    (await app.t.request('GET', `/tickets/${id}/entries`, { token: app.team.people.N4!.token })).body.items as {
      kind: string;
      body: string;
    }[]
  )
    .filter((e) => e.kind === 'internal')
    .map((e) => e.body);

describe('entitlements', () => {
  it('accepts a website-creation request from a Contábil Premium customer contracted up to 2021, saying why', async () => {
    const customerId = await customerWith('Escritório Antigo', '2020-03-10');
    const ticket = await websiteRequest(customerId);
    expect(ticket.tags).toEqual([]);
    expect(await notes(ticket.id)).toEqual([
      'Direito verificado: criação de site incluída (Contábil Premium contratado até 2021)',
    ]);
    const shown = await app.t.request('GET', `/tickets/${ticket.id}/entitlements`, {
      token: app.team.people.N4!.token,
    });
    expect(shown.body.entitlements).toEqual([
      {
        benefit: 'website-creation',
        allowed: true,
        explanation: 'criação de site incluída (Contábil Premium contratado até 2021)',
        ruleId: 'contabil-premium-website-until-2021',
      },
    ]);
    expect(shown.body.category.decision.allowed).toBe(true);
  });

  it('flags a request from a customer contracted from 2022 with SEM-DIREITO and the reason, keeping the request', async () => {
    const customerId = await customerWith('Escritório Novo', '2023-05-02');
    const ticket = await websiteRequest(customerId);
    expect(ticket.tags).toEqual(['SEM-DIREITO']);
    const reason =
      'criação de site não incluída: Contábil Premium contratado em 2023, e a ferramenta foi descontinuada na comercialização a partir de 2022';
    expect(await notes(ticket.id)).toEqual([`Sem direito: ${reason}`]);
    const shown = await app.t.request('GET', `/tickets/${ticket.id}/entitlements`, {
      token: app.team.people.N1!.token,
    });
    expect(shown.body.category).toEqual({
      category: 'criacao-de-site',
      decision: {
        benefit: 'website-creation',
        allowed: false,
        explanation: reason,
        ruleId: 'contabil-premium-website-from-2022',
      },
    });
  });

  it('does not check categories that need no entitlement, but still shows what the customer has', async () => {
    // A customer the website rule would refuse: another category's ticket gets neither the tag nor a note.
    const customerId = await customerWith('Escritório Recente', '2024-01-15');
    const created = await app.t.request('POST', '/tickets', {
      token: app.team.people.N4!.token,
      body: ticketBody(app.team, { customerId, contactId: null }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.tags).toEqual([]);
    expect(await notes(created.body.id)).toEqual([]);
    const shown = await app.t.request('GET', `/tickets/${created.body.id}/entitlements`, {
      token: app.team.people.N4!.token,
    });
    expect(shown.body.category.decision).toBeNull();
    expect(shown.body.entitlements[0]).toMatchObject({
      benefit: 'website-creation',
      allowed: false,
      ruleId: 'contabil-premium-website-from-2022',
    });
  });
});
