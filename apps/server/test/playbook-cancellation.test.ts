import { describe, expect, it } from 'vitest';
import { ticketBody, useTeamApp } from './support/support-team.js';

const app = useTeamApp();

const agent = () => app.team.people.N4!.token;

async function openCancellation() {
  const created = await app.t.request('POST', '/tickets', {
    token: agent(),
    body: ticketBody(app.team, {
      category: 'cancelamento',
      subject: 'Cancelar contrato',
      description: 'O cliente pediu o cancelamento.',
    }),
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; number: number };
}

const resolve = (id: string) =>
  app.t.request('POST', `/tickets/${id}/status`, { token: agent(), body: { status: 'resolved' } });
const contact = (id: string, at = '2026-11-20T14:00:00-03:00') =>
  app.t.request('PUT', `/tickets/${id}/cancellation/contact`, {
    token: agent(),
    body: { at, means: 'phone', withWhom: 'Maria (sócia)' },
  });
const reason = (id: string, body: Record<string, unknown>) =>
  app.t.request('PUT', `/tickets/${id}/cancellation/reason`, { token: agent(), body });

describe('cancellation closure rule', () => {
  it('refuses to resolve a cancellation with 409 naming the contact and the reason, then allows it once both are recorded', async () => {
    const ticket = await openCancellation();
    const refused = await resolve(ticket.id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(
      'A cancellation cannot be resolved or closed yet: missing customer-contact, reason',
    );
    expect(refused.body.blocking).toEqual([
      {
        kind: 'cancellation-step',
        code: 'customer-contact',
        message:
          'Registre o contato com o cliente (quando, por qual meio e com quem) antes de encerrar um cancelamento.',
      },
      {
        kind: 'cancellation-step',
        code: 'reason',
        message:
          'Registre na Análise Técnica o real motivo do cancelamento, escolhido na lista de motivos, com os detalhes.',
      },
    ]);

    expect((await contact(ticket.id)).status).toBe(200);
    const stillRefused = await resolve(ticket.id);
    expect(stillRefused.status).toBe(409);
    expect(stillRefused.body.blocking.map((m: { code: string }) => m.code)).toEqual(['reason']);

    const named = await reason(ticket.id, {
      code: 'moving-to-other-system',
      competitorSystem: 'SIEG',
      details: 'Escritório unificou os sistemas',
    });
    expect(named.body.missing).toEqual([]);
    expect(named.body.technicalAnalysis).toMatchObject({ customerContacted: true });
    expect(named.body.technicalAnalysis.cancellationReason).toBe(
      'Contato com o cliente realizado em 20/11/2026 14:00 por telefone com Maria (sócia).\nMotivo do cancelamento: Migração para sistema parceiro/concorrente (SIEG).\nDetalhes: Escritório unificou os sistemas',
    );
    const resolved = await resolve(ticket.id);
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
  });

  it('does not hold other categories, and refuses recording cancellation data on them', async () => {
    const created = await app.t.request('POST', '/tickets', { token: agent(), body: ticketBody(app.team) });
    expect((await resolve(created.body.id)).status).toBe(200);
    const refused = await contact(created.body.id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('Ticket is not a cancellation (category "financeiro")');
  });

  it('rejects an unknown reason and a contact without a person with 400 naming the field', async () => {
    const ticket = await openCancellation();
    const bad = await reason(ticket.id, { code: 'mudou-de-ideia', details: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['code']);
    const noPerson = await app.t.request('PUT', `/tickets/${ticket.id}/cancellation/contact`, {
      token: agent(),
      body: { at: '2026-11-20T14:00:00Z', means: 'phone', withWhom: ' ' },
    });
    expect(noPerson.status).toBe(400);
    expect(noPerson.body.errors.map((e: { field: string }) => e.field)).toEqual(['withWhom']);
  });

  it('refuses up front a contact dated in the future, naming the field and why, and stores nothing', async () => {
    const ticket = await openCancellation();
    for (const at of ['2999-01-01T10:00:00Z', new Date(Date.now() + 60_000).toISOString()]) {
      const future = await contact(ticket.id, at);
      expect(future.status).toBe(400);
      expect(future.body.errors).toEqual([
        { field: 'at', message: expect.stringMatching(/^the contact cannot be in the future \(.+ is after now, .+\)/) },
      ]);
    }
    const state = await app.t.request('GET', `/tickets/${ticket.id}/cancellation`, { token: agent() });
    expect(state.body.contact).toBeNull();
  });

  it('refuses up front a move to another system that does not name the system', async () => {
    const ticket = await openCancellation();
    for (const competitorSystem of [undefined, null, '   ']) {
      const unnamed = await reason(ticket.id, {
        code: 'moving-to-other-system',
        details: 'Escritório unificou os sistemas',
        ...(competitorSystem === undefined ? {} : { competitorSystem }),
      });
      expect(unnamed.status).toBe(400);
      expect(unnamed.body.errors.map((e: { field: string }) => e.field)).toEqual(['competitorSystem']);
    }
    const unnamed = await reason(ticket.id, { code: 'moving-to-other-system', details: 'x' });
    expect(unnamed.body.errors[0].message).toBe(
      'required when the reason is moving to another system: name the system (e.g. SIEG, Fiscosoft)',
    );
    const state = await app.t.request('GET', `/tickets/${ticket.id}/cancellation`, { token: agent() });
    expect(state.body.reason).toBeNull();
  });

  it('reports cancellations by reason and by partner system over a period', async () => {
    const record = async (at: string, body: Record<string, unknown>) => {
      const ticket = await openCancellation();
      await contact(ticket.id, at);
      expect((await reason(ticket.id, body)).status).toBe(200);
    };
    await record('2026-10-05T10:00:00Z', {
      code: 'moving-to-other-system',
      competitorSystem: 'Fiscosoft',
      details: 'a',
    });
    await record('2026-10-06T10:00:00Z', {
      code: 'moving-to-other-system',
      competitorSystem: 'fiscosoft',
      details: 'b',
    });
    await record('2026-10-07T10:00:00Z', { code: 'price', details: 'c' });
    await record('2026-09-30T10:00:00Z', { code: 'price', details: 'outside the period' });
    const report = await app.t.request('GET', '/reports/cancellations?from=2026-10-01&to=2026-11-01', {
      token: app.team.people.leader!.token,
    });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      total: 3,
      byReason: { 'moving-to-other-system': 2, price: 1 },
      byCompetitorSystem: { Fiscosoft: 2 },
    });
    const backwards = await app.t.request('GET', '/reports/cancellations?from=2026-11-01&to=2026-10-01', {
      token: app.team.people.leader!.token,
    });
    expect(backwards.status).toBe(400);
    const agentReport = await app.t.request('GET', '/reports/cancellations?from=2026-10-01&to=2026-11-01', {
      token: agent(),
    });
    expect(agentReport.status).toBe(403);
  });
});
