import { describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';
import { expectCatalogued } from './support/event-catalogue.js';

const app = useTeamApp();

const token = (key: string) => app.team.people[key]!.token;
async function requestInclusion() {
  const created = await app.t.request('POST', '/tickets', {
    token: token('N1'),
    body: ticketBody(app.team, {
      category: 'implementacao-tecnica',
      module: 'Escrita Fiscal',
      subject: 'Apuração de ICMS errada',
    }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const requested = await app.t.request('POST', `/tickets/${created.body.id}/error-sheet-requests`, {
    token: token('N1'),
    body: { description: 'ICMS-ST somado em dobro na apuração' },
  });
  expect(requested.status, JSON.stringify(requested.body)).toBe(201);
  return { ticket: created.body as { id: string; number: number }, request: requested.body as { id: string } };
}

describe('error-correction sheet authorisation', () => {
  it('refuses an N1 or N3 agent with 403 stating the reason, and writes nothing', async () => {
    const { ticket, request } = await requestInclusion();
    for (const unit of ['N1', 'N3']) {
      const refused = await app.t.request('POST', `/error-sheet-requests/${request.id}/authorisation`, {
        token: token(unit),
      });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe(
        `Only a leader (supervisor) or an agent of N2 may authorise including a case in the error-correction sheet; you are in ${unit}`,
      );
    }
    expect(
      await sql(app.t, `select 1 from outbox_events where aggregate_id = $1 and type = 'error_sheet.authorised'`, [
        ticket.id,
      ]),
    ).toEqual([]);
  });

  it('lets an N2 agent authorise, emitting error_sheet.authorised with the row the sheet needs', async () => {
    const { ticket, request } = await requestInclusion();
    const authorised = await app.t.request('POST', `/error-sheet-requests/${request.id}/authorisation`, {
      token: token('N2'),
    });
    expect(authorised.status).toBe(201);
    expect(authorised.body).toMatchObject({ status: 'authorised', authorisedBy: app.team.people.N2!.id });
    const events = await sql<{ payload: Record<string, unknown> }>(
      app.t,
      `select payload from outbox_events where aggregate_id = $1 and type = 'error_sheet.authorised'`,
      [ticket.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({
      number: ticket.number,
      customer: { id: app.team.customerId, name: 'Contabilidade Exemplo n1-n5-1' },
      module: 'Escrita Fiscal',
      description: 'ICMS-ST somado em dobro na apuração',
      authorisedBy: { userId: app.team.people.N2!.id, displayName: 'N2 n1-n5' },
    });
    const again = await app.t.request('POST', `/error-sheet-requests/${request.id}/authorisation`, {
      token: token('leader'),
    });
    expect(again.status).toBe(409);
  });

  it('lets a leader authorise, refuses a second request for the same case, and lists by status', async () => {
    const { ticket, request } = await requestInclusion();
    const pending = await app.t.request('GET', '/error-sheet-requests?status=requested', { token: token('leader') });
    expect(pending.body.items.map((r: { id: string }) => r.id)).toContain(request.id);
    expect(
      (await app.t.request('POST', `/error-sheet-requests/${request.id}/authorisation`, { token: token('leader') }))
        .status,
    ).toBe(201);
    const duplicate = await app.t.request('POST', `/tickets/${ticket.id}/error-sheet-requests`, {
      token: token('N1'),
      body: { description: 'de novo' },
    });
    expect(duplicate.status).toBe(409);
    const stillPending = await app.t.request('GET', '/error-sheet-requests?status=requested', {
      token: token('leader'),
    });
    expect(stillPending.body.items.map((r: { id: string }) => r.id)).not.toContain(request.id);
    const audit = await app.t.request('GET', `/tickets/${ticket.id}/audit`, { token: token('leader') });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['error_sheet.requested', 'error_sheet.authorised']),
    );
  });
});

describe('declining an error-sheet inclusion', () => {
  const decline = (id: string, who: string, body: unknown) =>
    app.t.request('POST', `/error-sheet-requests/${id}/decline`, { token: token(who), body });

  it('keeps the case out of the sheet, tells the agent why on the ticket, and lets them ask again', async () => {
    const { ticket, request } = await requestInclusion();
    const declined = await decline(request.id, 'leader', { reason: 'Falta o passo a passo para reproduzir' });
    expect(declined.status, JSON.stringify(declined.body)).toBe(201);
    expect(declined.body).toMatchObject({
      status: 'declined',
      declinedBy: app.team.people.leader!.id,
      declineReason: 'Falta o passo a passo para reproduzir',
      authorisedBy: null,
    });
    const seenByAgent = await app.t.request('GET', `/tickets/${ticket.id}/entries`, { token: token('N1') });
    expect(seenByAgent.body.items.map((entry: { body: string }) => entry.body)).toContain(
      'Inclusão na planilha de correção de erros recusada: Falta o passo a passo para reproduzir',
    );
    const listed = await app.t.request('GET', '/error-sheet-requests?status=declined', { token: token('N1') });
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(request.id);
    expect(
      (await app.t.request('POST', `/error-sheet-requests/${request.id}/authorisation`, { token: token('leader') }))
        .body.detail,
    ).toBe('This request is already declined');
    const events = await sql<{ type: string }>(
      app.t,
      `select type from outbox_events where aggregate_id = $1 and type like 'error_sheet.%' order by position`,
      [ticket.id],
    );
    expect(events.map((event) => event.type)).toEqual(['error_sheet.requested', 'error_sheet.declined']);
    const audit = await app.t.request('GET', `/tickets/${ticket.id}/audit`, { token: token('leader') });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('error_sheet.declined');
    const again = await app.t.request('POST', `/tickets/${ticket.id}/error-sheet-requests`, {
      token: token('N1'),
      body: { description: 'Passo a passo: emitir NF-e com ICMS-ST e apurar' },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  });

  it('refuses an N1 agent, a missing or hostile reason, a second decision and an unknown request', async () => {
    const { ticket, request } = await requestInclusion();
    const refused = await decline(request.id, 'N1', { reason: 'não' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('may decline including a case');
    for (const body of [
      {},
      { reason: '   ' },
      { reason: 'x'.repeat(2001) },
      { reason: 42 },
      { reason: 'ok', status: 'authorised' },
    ]) {
      const bad = await decline(request.id, 'leader', body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect((await decline(request.id, 'N2', { reason: "'); drop table tickets; --" })).status).toBe(201);
    expect((await decline(request.id, 'leader', { reason: 'de novo' })).status).toBe(409);
    expect((await decline('00000000-0000-4000-8000-000000000000', 'leader', { reason: 'x' })).status).toBe(404);
    expect((await decline('not-a-uuid', 'leader', { reason: 'x' })).status).toBe(400);
    expect(
      await sql(app.t, `select 1 from outbox_events where aggregate_id = $1 and type = 'error_sheet.declined'`, [
        ticket.id,
      ]),
    ).toHaveLength(1);
  });
});

describe('events', () => {
  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(app.t, ['error_sheet.requested', 'error_sheet.authorised', 'error_sheet.declined']);
  });
});
