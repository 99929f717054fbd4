import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let team: SupportTeam;
beforeAll(async () => {
  t = await startTestApp();
  team = await setUpTeam(t, 'n1-n5');
});
afterAll(() => t.close());

const person = (key: string) => team.people[key]!;

async function ticketWithHistory() {
  const created = await t.request('POST', '/tickets', {
    token: person('N1').token,
    body: ticketBody(team, { category: 'configuracao-email', subject: 'E-mail não envia' }),
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const moved = await t.request('POST', `/tickets/${id}/status`, {
    token: person('N1').token,
    body: { status: 'waiting_customer', reason: 'pedimos o print do erro' },
  });
  expect(moved.status).toBe(200);
  const note = await t.request('POST', `/tickets/${id}/entries`, {
    token: person('N1').token,
    body: { kind: 'internal', body: 'Cliente prefere contato por telefone.' },
  });
  expect(note.status).toBe(201);
  return id;
}

const history = async (id: string, headers?: Record<string, string>) => {
  const read = await t.request('GET', `/tickets/${id}/entries`, { token: person('N1').token, headers });
  expect(read.status).toBe(200);
  return read.body.items.map((entry: { body: string }) => entry.body);
};

describe('the language of system-written history lines', () => {
  it('reads pt-BR by default, with status labels instead of codes', async () => {
    const id = await ticketWithHistory();
    expect(await history(id)).toEqual([
      'Situação: Novo → Aguardando cliente — pedimos o print do erro',
      'Cliente prefere contato por telefone.',
    ]);
    expect(await history(id, { 'accept-language': 'fr-FR, de;q=0.8' })).toEqual(await history(id));
  });

  it('reads the system lines in English for a reader who asks for English; people’s words stay as written', async () => {
    const id = await ticketWithHistory();
    expect(await history(id, { 'accept-language': 'en-US,en;q=0.9,pt-BR;q=0.5' })).toEqual([
      'Status: New → Waiting for customer — pedimos o print do erro',
      'Cliente prefere contato por telefone.',
    ]);
  });

  it('keeps the pt-BR body with the key and values, for whatever reads the text as written', async () => {
    const id = await ticketWithHistory();
    const rows = await sql(
      t,
      `select body, message_key as key, message_values as values from ticket_entries where ticket_id = $1 order by created_at, id`,
      [id],
    );
    expect(rows).toEqual([
      {
        body: 'Situação: Novo → Aguardando cliente — pedimos o print do erro',
        key: 'ticket.status-changed',
        values: { from: 'new', to: 'waiting_customer', reason: 'pedimos o print do erro' },
      },
      { body: 'Cliente prefere contato por telefone.', key: null, values: null },
    ]);
  });

  it('shows a line written before the catalogue, or under a key it no longer has, as its body', async () => {
    const id = await ticketWithHistory();
    await sql(
      t,
      `insert into ticket_entries (id, ticket_id, kind, direction, body, author_label, attachments, message_key, message_values, created_at)
       values (gen_random_uuid(), $1, 'event', 'internal', 'Status: new → closed', 'Sistema', '[]', null, null, now() + interval '1 minute'),
              (gen_random_uuid(), $1, 'event', 'internal', 'Linha antiga', 'Sistema', '[]', 'ticket.renamed', '{"x": 1}', now() + interval '2 minutes')`,
      [id],
    );
    const english = await history(id, { 'accept-language': 'en' });
    expect(english.slice(-2)).toEqual(['Status: new → closed', 'Linha antiga']);
  });
});
