import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let team: SupportTeam;
beforeAll(async () => {
  t = await startTestApp();
  team = await setUpTeam(t, 'two-stage-n1');
});
afterAll(() => t.close());

const written = async () =>
  (
    await sql<{ n: number }>(
      t,
      `select (select count(*) from tickets) + (select count(*) from outbox_events) + (select count(*) from ticket_entries) as n`,
    )
  )[0]!.n;

const omit = (key: string) => {
  const body: Record<string, unknown> = ticketBody(team);
  delete body[key];
  return body;
};

describe('bad ticket input answers 400 naming the field and writes nothing', () => {
  it.each([
    ['a missing subject', () => omit('subject'), ['subject']],
    [
      'a missing customer and channel',
      () => ({ ...omit('customerId'), channel: undefined }),
      ['customerId', 'channel'],
    ],
    ['an unknown category', () => ticketBody(team, { category: 'astrologia' }), ['category']],
    ['a 1 MB subject', () => ticketBody(team, { subject: 'a'.repeat(1024 * 1024) }), ['subject']],
    [
      'a number as subject and a string as tags',
      () => ticketBody(team, { subject: 42, tags: 'URGENTE' }),
      ['subject', 'tags'],
    ],
    ['an unknown channel', () => ticketBody(team, { channel: 'fax' }), ['channel']],
    [
      'an unknown customer',
      () => ticketBody(team, { customerId: '00000000-0000-4000-8000-000000000000', contactId: null }),
      ['customerId'],
    ],
    [
      'a contact of another customer',
      () => ticketBody(team, { contactId: '00000000-0000-4000-8000-000000000000' }),
      ['contactId'],
    ],
    [
      'an unknown assignee',
      () => ticketBody(team, { assigneeId: '00000000-0000-4000-8000-000000000000' }),
      ['assigneeId'],
    ],
    ['an extra field', () => ticketBody(team, { priority: 'alta' }), ['(body)']],
  ])('%s', async (_what, body, fields) => {
    const before = await written();
    const response = await t.request('POST', '/tickets', { token: team.admin, body: body() });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect(await written()).toBe(before);
  });

  it('refuses an unknown escalation target, a bad status and a malformed list query the same way', async () => {
    const ticket = (await t.request('POST', '/tickets', { token: team.admin, body: ticketBody(team) })).body;
    const before = await written();
    const target = await t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: team.admin,
      body: { toUnit: 'N9', reason: 'x' },
    });
    expect([target.status, target.body.errors[0].field]).toEqual([400, 'toUnit']);
    const status = await t.request('POST', `/tickets/${ticket.id}/status`, {
      token: team.admin,
      body: { status: 'done' },
    });
    expect([status.status, status.body.errors[0].field]).toEqual([400, 'status']);
    const list = await t.request('GET', '/tickets?limit=5000&status=sleeping', { token: team.admin });
    expect(list.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status.0']);
    const id = await t.request('GET', '/tickets/not-a-uuid', { token: team.admin });
    expect(id.status).toBe(400);
    expect(await written()).toBe(before);
  });

  it('refuses an inconsistent structure, naming each broken field, and keeps the active version', async () => {
    const active = (await t.request('GET', '/support-structure', { token: team.admin })).body;
    const definition = {
      ...active.structure,
      entryUnit: 'N9',
      units: [{ ...active.structure.units[0], escalatesTo: ['XX'] }, ...active.structure.units.slice(1)],
    };
    const saved = await t.request('POST', '/support-structure/versions', { token: team.admin, body: { definition } });
    expect(saved.status).toBe(400);
    expect(saved.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'definition.units.0.escalatesTo.0',
      'definition.entryUnit',
    ]);
    expect((await t.request('GET', '/support-structure', { token: team.admin })).body.version).toBe(active.version);
  });

  it('says what is wrong with each field once: "required" when missing, the first reason otherwise', async () => {
    const before = await written();
    const missing = await t.request('POST', '/tickets', { token: team.admin, body: omit('channel') });
    expect(missing.body.errors).toEqual([{ field: 'channel', message: 'required' }]);
    for (const description of [[], ['texto'], {}, 42, null]) {
      const wrong = await t.request('POST', '/tickets', { token: team.admin, body: ticketBody(team, { description }) });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ field: 'description', message: expect.stringMatching(/^Invalid input/) }]);
      expect(wrong.body.detail).toMatch(/^description: Invalid input/);
    }
    expect(await written()).toBe(before);
  });

  it('answers a body that is not JSON with the same errors array, and names a bad path parameter', async () => {
    for (const rawBody of ['{"subject": ', "{'subject': 'x'}", '']) {
      const malformed = await t.request('POST', '/tickets', { token: team.admin, rawBody });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([{ field: '(body)', message: expect.any(String) }]);
    }
    for (const id of ['abc', '1', "1'%20or%20'1'='1"]) {
      const path = await t.request('GET', `/tickets/${id}`, { token: team.admin });
      expect([id, path.status, path.body.errors]).toEqual([id, 400, [{ field: 'id', message: 'Invalid UUID' }]]);
    }
  });
});

describe('text that looks like SQL is stored as typed', () => {
  it('reads back a ticket with quotes, backslashes and an injection attempt exactly as it was answered', async () => {
    const created = await t.request('POST', '/tickets', {
      token: team.admin,
      body: ticketBody(team, {
        subject: "Erro em C:\\Arquivos\\nota d'Ávila",
        description: '\'); delete from tickets; -- \\\' e aspas "duplas"',
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await t.request('GET', `/tickets/${created.body.id}`, { token: team.admin });
    expect(read.body).toMatchObject({
      subject: created.body.subject,
      description: created.body.description,
      createdAt: created.body.createdAt,
    });
    const [audit] = await sql<{ after: { subject: string; createdAt: string } }>(
      t,
      `select after from audit_records where subject_id = $1 and action = 'ticket.created'`,
      [created.body.id],
    );
    expect(audit!.after).toMatchObject({ subject: created.body.subject, createdAt: created.body.createdAt });
  });
});
