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

async function openTicket(overrides: Record<string, unknown> = {}) {
  const created = await t.request('POST', '/tickets', {
    token: person('N1').token,
    body: ticketBody(team, {
      category: 'configuracao-email',
      subject: 'E-mail não envia',
      assigneeId: person('N1').id,
      ...overrides,
    }),
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; number: number };
}

describe('escalation', () => {
  it('goes N1 → N2 → N3 with a reason, and N1 stays the single point of contact', async () => {
    const ticket = await openTicket();
    const toN2 = await t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: person('N1').token,
      body: { toUnit: 'N2', reason: 'Configuração de DNS fora do alcance do N1', assigneeId: person('N2').id },
    });
    expect(toN2.status).toBe(200);
    expect(toN2.body).toMatchObject({ unitKey: 'N2', assigneeId: person('N2').id, spocId: person('N1').id });

    const toN3 = await t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: person('N2').token,
      body: { toUnit: 'N3', reason: 'Registro MX do servidor incorreto' },
    });
    expect(toN3.body).toMatchObject({ unitKey: 'N3', assigneeId: null, spocId: person('N1').id });
    const followed = await t.request('GET', `/tickets?spocId=${person('N1').id}`, { token: person('N1').token });
    expect(followed.body.items.map((i: { id: string }) => i.id)).toContain(ticket.id);

    const history = await t.request('GET', `/tickets/${ticket.id}/entries`, { token: person('N1').token });
    expect(history.body.items.map((e: { kind: string; body: string }) => [e.kind, e.body])).toEqual([
      [
        'event',
        'Escalado de Nível 1 — Atendimento / Service Desk para Nível 2 — Especialistas: Configuração de DNS fora do alcance do N1 — situação: Novo → Em análise',
      ],
      [
        'event',
        'Escalado de Nível 2 — Especialistas para Nível 3 — Engenheiro de Sistema: Registro MX do servidor incorreto',
      ],
    ]);
    const events = await sql(
      t,
      `select type, payload->>'toUnit' as to_unit, payload->>'spocId' as spoc from outbox_events where aggregate_id = $1 and type = 'ticket.escalated' order by position`,
      [ticket.id],
    );
    expect(events).toEqual([
      { type: 'ticket.escalated', to_unit: 'N2', spoc: person('N1').id },
      { type: 'ticket.escalated', to_unit: 'N3', spoc: person('N1').id },
    ]);
  });

  it('goes N2 → N4 for administrative matters', async () => {
    const ticket = await openTicket();
    await t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: person('N1').token,
      body: { toUnit: 'N2', reason: 'análise' },
    });
    const toN4 = await t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: person('N2').token,
      body: { toUnit: 'N4', reason: 'Serviço congelado por inadimplência' },
    });
    expect(toN4.body).toMatchObject({ unitKey: 'N4', spocId: person('N1').id });
  });

  it('refuses a path that is not configured (409, allowed ones listed) and someone not involved (403)', async () => {
    const ticket = await openTicket();
    const jump = await t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: person('N1').token,
      body: { toUnit: 'N3', reason: 'pular' },
    });
    expect(jump.status).toBe(409);
    expect(jump.body).toMatchObject({
      type: 'https://escala.dev/problems/conflict',
      detail: 'N1 cannot escalate to N3; allowed from N1: N2, N4, N5',
      allowed: ['N2', 'N4', 'N5'],
    });
    const stranger = await t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: person('N4').token,
      body: { toUnit: 'N2', reason: 'x' },
    });
    expect(stranger.status).toBe(403);
    expect((await t.request('GET', `/tickets/${ticket.id}`, { token: person('N1').token })).body.unitKey).toBe('N1');
  });
});

describe('public replies', () => {
  it('refuses an N3 agent with a clear 403 reason and writes nothing; an internal note is fine', async () => {
    const ticket = await openTicket({ category: 'infraestrutura' });
    const reply = await t.request('POST', `/tickets/${ticket.id}/entries`, {
      token: person('N3').token,
      body: { kind: 'public', body: 'Prezado cliente, ajustamos o DNS.' },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.detail).toBe(
      'N3 (Nível 3 — Engenheiro de Sistema) does not talk to customers: post an internal note for the tier in contact instead',
    );
    const note = await t.request('POST', `/tickets/${ticket.id}/entries`, {
      token: person('N3').token,
      body: { kind: 'internal', body: 'DNS ajustado; N1 avisar o cliente.' },
    });
    expect(note.status).toBe(201);
    const byN1 = await t.request('POST', `/tickets/${ticket.id}/entries`, {
      token: person('N1').token,
      body: {
        kind: 'public',
        body: 'Olá Maria, o problema foi corrigido.',
        attachments: [{ name: 'print.png', contentType: 'image/png', sizeBytes: 2048 }],
      },
    });
    expect(byN1.status).toBe(201);
    const entries = (await t.request('GET', `/tickets/${ticket.id}/entries`, { token: person('N1').token })).body.items;
    expect(entries.map((e: { kind: string; authorLabel: string }) => [e.kind, e.authorLabel])).toEqual([
      ['internal', 'N3 n1-n5'],
      ['public', 'N1 n1-n5'],
    ]);
    expect(entries[1].attachments).toEqual([
      { name: 'print.png', contentType: 'image/png', sizeBytes: 2048, url: null },
    ]);
    const events = await sql(t, `select type from outbox_events where aggregate_id = $1 order by position`, [
      ticket.id,
    ]);
    expect(events.map((e) => e.type)).toEqual(['ticket.created', 'ticket.note_added', 'ticket.reply_sent']);
  });
});

describe('status lifecycle', () => {
  it('refuses illegal moves with 409 listing the allowed ones, and allows resolve, close and reopen', async () => {
    const ticket = await openTicket();
    const move = (status: string) =>
      t.request('POST', `/tickets/${ticket.id}/status`, { token: person('N1').token, body: { status } });
    const early = await move('closed');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      type: 'https://escala.dev/problems/conflict',
      detail:
        'A ticket cannot go from new to closed; allowed: in_analysis, waiting_customer, waiting_third_party, waiting_development, resolved',
      allowed: ['in_analysis', 'waiting_customer', 'waiting_third_party', 'waiting_development', 'resolved'],
    });
    for (const status of ['in_analysis', 'waiting_customer', 'in_analysis', 'resolved', 'closed']) {
      expect([status, (await move(status)).status]).toEqual([status, 200]);
    }
    const backToNew = await move('new');
    expect(backToNew.status).toBe(409);
    expect(backToNew.body.allowed).toEqual(['in_analysis']);
    expect((await move('in_analysis')).body.status).toBe('in_analysis');
  });
});

describe('full-text search', () => {
  it('finds Portuguese words with or without accents in subject, description and entries', async () => {
    const subject = await openTicket({
      subject: 'Migração da base do cliente',
      description: 'Importar cadastros antigos.',
    });
    const description = await openTicket({
      subject: 'Dúvida',
      description: 'Homologação bancária do Itaú não conclui.',
    });
    const entry = await openTicket({ subject: 'Erro ao emitir', description: 'Falha genérica.' });
    await t.request('POST', `/tickets/${entry.id}/entries`, {
      token: person('N1').token,
      body: { kind: 'internal', body: 'Problema na emissão da NFS-e de São Paulo' },
    });
    const search = async (q: string) =>
      (
        (await t.request('GET', `/tickets?q=${encodeURIComponent(q)}`, { token: person('N1').token })).body.items as {
          id: string;
        }[]
      ).map((i) => i.id);
    expect(await search('migracao')).toEqual([subject.id]);
    expect(await search('MIGRAÇÃO')).toEqual([subject.id]);
    expect(await search('homologacao bancaria')).toEqual([description.id]);
    expect(await search('emissao sao paulo')).toEqual([entry.id]);
    expect(await search('inexistente')).toEqual([]);
  });

  it('pages through matches found in the ticket and in its entries alike', async () => {
    const inSubject = await openTicket({ subject: 'Certificado digital vencido' });
    const inEntry = await openTicket({ subject: 'Sem acesso', description: 'Cliente não acessa.' });
    await t.request('POST', `/tickets/${inEntry.id}/entries`, {
      token: person('N1').token,
      body: { kind: 'internal', body: 'Renovar o certificado A1' },
    });
    const page = (cursor?: string) =>
      t.request('GET', `/tickets?q=certificados&limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
        token: person('N1').token,
      });
    const first = await page();
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([inEntry.id]);
    const second = await page(first.body.nextCursor);
    expect(second.body).toMatchObject({ items: [{ id: inSubject.id }], nextCursor: null });
  });

  it('filters and pages with a cursor', async () => {
    const tagged = [];
    for (let i = 0; i < 3; i++) tagged.push(await openTicket({ tags: ['URGENTE'], channel: 'phone' }));
    const page = (cursor?: string) =>
      t.request(
        'GET',
        `/tickets?tag=URGENTE&channel=phone&status=new&unitKey=N1&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: person('N1').token },
      );
    const first = await page();
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([tagged[2]!.id, tagged[1]!.id]);
    const second = await page(first.body.nextCursor);
    expect(second.body).toMatchObject({ items: [{ id: tagged[0]!.id }], nextCursor: null });
    const urgent = await sql(t, `select count(*)::int as n from outbox_events where type = 'ticket.urgent'`);
    expect(urgent).toEqual([{ n: 3 }]);
  });
});

describe('audit trail', () => {
  it('shows every change of one ticket, who made it, with before and after', async () => {
    const ticket = await openTicket();
    const admin = team.admin;
    await t.request('PATCH', `/tickets/${ticket.id}`, {
      token: person('N1').token,
      body: { tags: ['URGENTE'], deadlines: [{ description: 'Entrega da SPED', dueOn: '2026-12-15' }] },
    });
    await t.request('POST', `/tickets/${ticket.id}/status`, {
      token: person('N1').token,
      body: { status: 'in_analysis' },
    });
    await t.request('POST', `/tickets/${ticket.id}/analysis`, {
      token: person('N1').token,
      body: { summary: 'SMTP bloqueado', cause: 'Porta 25 fechada' },
    });
    await t.request('POST', `/tickets/${ticket.id}/escalations`, {
      token: person('N1').token,
      body: { toUnit: 'N2', reason: 'Precisa de especialista' },
    });
    await t.request('POST', `/tickets/${ticket.id}/entries`, {
      token: person('N2').token,
      body: { kind: 'internal', body: 'Verificando' },
    });

    const trail = await t.request('GET', `/tickets/${ticket.id}/audit`, { token: admin });
    expect(trail.status).toBe(200);
    const rows = trail.body.items.map((r: any) => ({
      action: r.action,
      by: r.actorLabel,
      before: r.before,
      after: r.after,
    }));
    expect(rows).toEqual([
      {
        action: 'ticket.created',
        by: `n1.n1-n5-1`,
        before: null,
        after: expect.objectContaining({ id: ticket.id, status: 'new', unitKey: 'N1' }),
      },
      {
        action: 'ticket.updated',
        by: 'n1.n1-n5-1',
        before: { tags: [], deadlines: [] },
        after: { tags: ['URGENTE'], deadlines: [{ description: 'Entrega da SPED', dueOn: '2026-12-15' }] },
      },
      {
        action: 'ticket.status_changed',
        by: 'n1.n1-n5-1',
        before: { status: 'new' },
        after: { status: 'in_analysis' },
      },
      {
        action: 'ticket.analysis_recorded',
        by: 'n1.n1-n5-1',
        before: { technicalAnalysis: null },
        after: {
          technicalAnalysis: expect.objectContaining({
            summary: 'SMTP bloqueado',
            cause: 'Porta 25 fechada',
            recordedBy: 'n1.n1-n5-1',
          }),
        },
      },
      {
        action: 'ticket.escalated',
        by: 'n1.n1-n5-1',
        before: { unitKey: 'N1', assigneeId: person('N1').id, spocId: null, structureVersion: 1 },
        after: {
          unitKey: 'N2',
          assigneeId: null,
          spocId: person('N1').id,
          structureVersion: 1,
          reason: 'Precisa de especialista',
        },
      },
      {
        action: 'ticket.note_added',
        by: 'n2.n1-n5-1',
        before: null,
        after: expect.objectContaining({ kind: 'internal' }),
      },
    ]);
    expect((await t.request('GET', `/tickets/${ticket.id}/audit`, { token: person('N1').token })).status).toBe(403);
  });
});
