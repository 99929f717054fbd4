import { describe, expect, it } from 'vitest';
import { MediationFollowUp, TimerScheduler } from '@escala/core';
import { ManualClock } from './support/manual-clock.js';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';
import { expectCatalogued } from './support/event-catalogue.js';

const START = new Date('2026-12-07T13:00:00.000Z'); // 10:00 in São Paulo
const clock = new ManualClock(START);
const app = useTeamApp('n1-n5', { ESCALA_TIMER_TICK_MS: '0' }, { clock });

const agent = () => app.team.people.N4!.token;
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000);

/** Moves the clock, fires the due timers and lets the follow-up act, as the background loops would. */
async function passTime(hours: number) {
  clock.set(at(hours));
  await app.t.app.get(TimerScheduler).tick();
  await app.t.app.get(MediationFollowUp).run();
}

async function mediationStartedAtZero() {
  clock.set(START);
  const created = await app.t.request('POST', '/tickets', {
    token: agent(),
    body: ticketBody(app.team, { subject: 'XML do fornecedor inválido' }),
  });
  const id = created.body.id as string;
  const opened = await app.t.request('POST', `/tickets/${id}/mediation`, {
    token: agent(),
    body: {
      thirdPartyName: 'Software Fiscal Ltda',
      verificationNeeded: 'Confirmar a versão do layout do XML exportado',
      companyName: 'Escala Sistemas',
    },
  });
  expect(opened.status).toBe(201);
  const sent = await app.t.request('POST', `/tickets/${id}/mediation/contacts`, {
    token: agent(),
    body: { means: 'email', to: 'suporte@softwarefiscal.com.br' },
  });
  expect(sent.status).toBe(201);
  return { id, number: created.body.number as number };
}

const mediation = async (id: string) =>
  (await app.t.request('GET', `/tickets/${id}/mediation`, { token: agent() })).body;
const events = (id: string, type: string) =>
  sql<{ payload: Record<string, unknown> }>(
    app.t,
    `select payload from outbox_events where aggregate_id = $1 and type = $2 order by position`,
    [id, type],
  );

describe('third-party mediation with durable timers', () => {
  it('resends at 24 h and 48 h, then at 72 h produces the report and the customer draft', async () => {
    const { id, number } = await mediationStartedAtZero();
    expect((await mediation(id)).deadlines).toEqual([
      { eventType: 'third_party.resend_due', dueAt: at(24).toISOString() },
      { eventType: 'third_party.report_due', dueAt: at(72).toISOString() },
    ]);

    await passTime(23.9);
    expect((await mediation(id)).mediation.attempts).toHaveLength(1);

    await passTime(24);
    const afterResend = await mediation(id);
    expect(afterResend.mediation.attempts.map((a: { kind: string; at: string }) => [a.kind, a.at])).toEqual([
      ['initial', at(0).toISOString()],
      ['resend', at(24).toISOString()],
    ]);
    expect(await events(id, 'third_party.resend_due')).toHaveLength(1);
    const recorded = await events(id, 'third_party.resend_recorded');
    expect(recorded[0]!.payload).toMatchObject({ to: 'suporte@softwarefiscal.com.br', means: 'email' });
    expect(recorded[0]!.payload.text).toContain(
      'técnico(a) da Escala Sistemas, e reencaminho o pedido de avaliação enviado em 07/12/2026 10:00',
    );

    await passTime(48);
    expect((await mediation(id)).mediation.attempts).toHaveLength(3);
    await passTime(72);
    const reported = await mediation(id);
    expect(reported.mediation.status).toBe('reported');
    expect(reported.deadlines).toEqual([]);
    expect(reported.report.cause).toBe('no-reply');
    expect(reported.report.text).toBe(
      [
        `Relatório de contato com terceiro (solicitação ${number})`,
        'Empresa terceira: Software Fiscal Ltda',
        'Verificação necessária: Confirmar a versão do layout do XML exportado',
        'Situação: sem retorno da empresa terceira em 72 horas.',
        '',
        'Tentativas de contato:',
        '- 07/12/2026 10:00: contato inicial por e-mail para suporte@softwarefiscal.com.br',
        '- 08/12/2026 10:00: reenvio por e-mail para suporte@softwarefiscal.com.br',
        '- 09/12/2026 10:00: reenvio por e-mail para suporte@softwarefiscal.com.br',
        '',
        'Retornos da empresa terceira:',
        '- nenhum',
        '',
      ].join('\n'),
    );
    expect(reported.report.customerDraft).toContain(
      `Olá, Contabilidade Exemplo n1-n5-1.\n\nSobre a solicitação ${number}: entramos em contato com a empresa Software Fiscal Ltda`,
    );
    expect(reported.report.customerDraft).toContain('após 3 tentativa(s) de contato');
    expect(reported.report.customerDraft).toContain(reported.report.text);
    expect(await events(id, 'third_party.report_produced')).toEqual([
      { payload: expect.objectContaining({ cause: 'no-reply', number }) },
    ]);
    const notes = await app.t.request('GET', `/tickets/${id}/entries`, { token: agent() });
    expect(
      notes.body.items
        .filter((e: { kind: string }) => e.kind === 'internal')
        .map((e: { body: string }) => e.body)
        .at(-1),
    ).toBe(reported.report.text);

    await passTime(200);
    expect((await mediation(id)).mediation.attempts).toHaveLength(3);
    expect(await events(id, 'third_party.report_produced')).toHaveLength(1);
  });

  it('restarts the 72 h at a reply with information, not at one without', async () => {
    const { id } = await mediationStartedAtZero();
    clock.set(at(10));
    await app.t.request('POST', `/tickets/${id}/mediation/replies`, {
      token: agent(),
      body: { withInformation: false, summary: 'Recebemos, vamos verificar' },
    });
    expect((await mediation(id)).deadlines.at(-1)).toEqual({
      eventType: 'third_party.report_due',
      dueAt: at(72).toISOString(),
    });
    clock.set(at(30));
    const replied = await app.t.request('POST', `/tickets/${id}/mediation/replies`, {
      token: agent(),
      body: { withInformation: true, summary: 'Layout 4.00, falta a tag infRespTec' },
    });
    expect(replied.status).toBe(201);
    expect(replied.body.deadlines).toEqual([
      { eventType: 'third_party.resend_due', dueAt: at(54).toISOString() },
      { eventType: 'third_party.report_due', dueAt: at(102).toISOString() },
    ]);

    await passTime(72);
    expect((await mediation(id)).mediation.status).toBe('waiting-third-party');
    await passTime(102);
    const reported = await mediation(id);
    expect(reported.mediation.status).toBe('reported');
    expect(reported.report.text).toContain('- 08/12/2026 16:00: Layout 4.00, falta a tag infRespTec');
  });

  it('produces the report at once when the third party refuses, stating it was their request', async () => {
    const { id } = await mediationStartedAtZero();
    clock.set(at(5));
    const refused = await app.t.request('POST', `/tickets/${id}/mediation/refusal`, {
      token: agent(),
      body: { note: 'só atendem o cliente diretamente' },
    });
    expect(refused.status).toBe(201);
    await passTime(5);
    const reported = await mediation(id);
    expect(reported.report.cause).toBe('refused-by-third-party');
    expect(reported.report.text).toContain(
      'Situação: a empresa terceira não aceitou o nosso contato e pediu que o cliente entre em contato diretamente com ela (só atendem o cliente diretamente).',
    );
    expect(reported.report.customerDraft).toContain(
      'a pedido da própria empresa terceira, solicitamos que você entre em contato diretamente com ela',
    );
    expect(await events(id, 'third_party.resend_due')).toEqual([]);
  });

  it('stops the clocks when concluded, and refuses actions out of order with 409', async () => {
    const created = await app.t.request('POST', '/tickets', { token: agent(), body: ticketBody(app.team) });
    const id = created.body.id as string;
    const early = await app.t.request('POST', `/tickets/${id}/mediation/contacts`, {
      token: agent(),
      body: { means: 'email', to: 'x@y.z' },
    });
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe('No third-party mediation on this ticket');
    await app.t.request('POST', `/tickets/${id}/mediation`, {
      token: agent(),
      body: { thirdPartyName: 'ERP X', verificationNeeded: 'Checar integração' },
    });
    const replyFirst = await app.t.request('POST', `/tickets/${id}/mediation/replies`, {
      token: agent(),
      body: { withInformation: true, summary: 'x' },
    });
    expect(replyFirst.status).toBe(409);
    expect(replyFirst.body.detail).toBe('Cannot record a reply before the third party was contacted');
    await app.t.request('POST', `/tickets/${id}/mediation/contacts`, {
      token: agent(),
      body: { means: 'phone', to: '(11) 4000-0000' },
    });
    const concluded = await app.t.request('POST', `/tickets/${id}/mediation/conclusion`, { token: agent() });
    expect(concluded.body.deadlines).toEqual([]);
    expect(
      await sql(
        app.t,
        `select kind from timers where subject_id = $1 and kind like 'third-party.%' and fired_at is null`,
        [id],
      ),
    ).toEqual([]);
    const missing = await app.t.request('POST', `/tickets/${id}/mediation`, {
      token: agent(),
      body: { thirdPartyName: ' ', verificationNeeded: 'x' },
    });
    expect(missing.status).toBe(400);
  });
});

describe('events', () => {
  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(app.t, [
      'third_party.resend_due',
      'third_party.resend_recorded',
      'third_party.report_due',
      'third_party.report_produced',
    ]);
  });
});
