import { describe, expect, it } from 'vitest';
import { MediationFollowUp, TimerScheduler } from '@escala/core';
import { setNow, sp, useQueueDesk } from './support/queue-desk.js';
import type { TeamMember } from './support/support-team.js';

// The test fires the mediation timers itself (tick 0), so it sees the step before and after the follow-up acts.
const desk = useQueueDesk('2026-12-14T08:00', { ESCALA_TIMER_TICK_MS: '0' });
const { newAgent, openTicket, drain } = desk;

const THIRD_PARTY = 'Software Fiscal Ltda';
const CONTACT_OWED = 'Contatar o cliente sobre o cancelamento e registrar quando, por qual meio e com quem';
const next = (agent: TeamMember) => desk.t.request('POST', '/queue/next', { token: agent.token });
const post = (agent: TeamMember, path: string, body?: unknown) =>
  desk.t.request('POST', path, { token: agent.token, body });
const reply = (agent: TeamMember, ticketId: string) =>
  post(agent, `/tickets/${ticketId}/entries`, { kind: 'public', body: 'Olá, seguem as informações.' });
const park = (agent: TeamMember, ticketId: string, status: 'waiting_customer' | 'waiting_third_party') =>
  post(agent, `/tickets/${ticketId}/status`, { status });

/** An agent of `unitKey` who took the only ticket of that queue at 09:00 of `day`. */
async function agentTaking(unitKey: string, day: string, overrides: Record<string, unknown> = {}) {
  await drain(unitKey);
  const ticket = await openTicket(`${day}T08:30`, overrides);
  setNow(`${day}T09:00`);
  const agent = await newAgent(unitKey);
  expect((await next(agent)).body.ticket.id).toBe(ticket.id);
  return { agent, ticket };
}

async function expectBlockedBy(
  agent: TeamMember,
  ticket: { id: string; number: number },
  kind: string,
  since: string,
  description: string,
) {
  const blocked = await next(agent);
  expect(blocked.status).toBe(409);
  expect(blocked.body.blocking).toEqual([
    { ticketId: ticket.id, ticketNumber: ticket.number, kind, since: sp(since).toISOString(), description },
  ]);
}

describe('third-party steps owed', () => {
  it('the third party’s answer and then the report block next-ticket until the customer gets a public reply; parking does not release them', async () => {
    const { agent, ticket } = await agentTaking('N1', '2026-12-14');
    setNow('2026-12-14T09:10');
    expect(
      (
        await post(agent, `/tickets/${ticket.id}/mediation`, {
          thirdPartyName: THIRD_PARTY,
          verificationNeeded: 'Versão do layout do XML',
          companyName: 'Escala Sistemas',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post(agent, `/tickets/${ticket.id}/mediation/contacts`, {
          means: 'email',
          to: 'suporte@softwarefiscal.com.br',
        })
      ).status,
    ).toBe(201);
    expect((await park(agent, ticket.id, 'waiting_third_party')).status).toBe(200);
    expect((await next(agent)).status).toBe(200);

    setNow('2026-12-14T10:00');
    expect(
      (
        await post(agent, `/tickets/${ticket.id}/mediation/replies`, {
          withInformation: true,
          summary: 'Exigem o layout 4.0',
        })
      ).status,
    ).toBe(201);
    setNow('2026-12-14T10:05');
    await expectBlockedBy(
      agent,
      ticket,
      'third-party-step-owed',
      '2026-12-14T10:00',
      `Responder ao cliente com o retorno de ${THIRD_PARTY}`,
    );
    expect((await park(agent, ticket.id, 'waiting_customer')).status).toBe(200);
    await expectBlockedBy(
      agent,
      ticket,
      'third-party-step-owed',
      '2026-12-14T10:00',
      `Responder ao cliente com o retorno de ${THIRD_PARTY}`,
    );
    await reply(agent, ticket.id);
    expect((await next(agent)).status).toBe(200);

    // The third party refuses: the report is due at once, owed until the follow-up produces it…
    setNow('2026-12-14T11:00');
    expect(
      (await post(agent, `/tickets/${ticket.id}/mediation/refusal`, { note: 'Só atendem o cliente diretamente' }))
        .status,
    ).toBe(201);
    expect((await park(agent, ticket.id, 'waiting_third_party')).status).toBe(200);
    await expectBlockedBy(
      agent,
      ticket,
      'third-party-step-owed',
      '2026-12-14T11:00',
      `Produzir o relatório das tentativas de contato com ${THIRD_PARTY}`,
    );
    await desk.t.app.get(TimerScheduler).tick();
    expect(await desk.t.app.get(MediationFollowUp).run()).toBe(1);
    // …and then the customer is owed the report.
    setNow('2026-12-14T11:20');
    await expectBlockedBy(
      agent,
      ticket,
      'third-party-step-owed',
      '2026-12-14T11:00',
      `Responder ao cliente com o relatório sobre ${THIRD_PARTY}`,
    );
    await reply(agent, ticket.id);
    expect((await next(agent)).status).toBe(200);
  });
});

describe('cancellation steps owed', () => {
  it('a cancellation held past the configured time without the customer contact blocks next-ticket until the contact is recorded; parking does not release it', async () => {
    const { agent, ticket } = await agentTaking('N4', '2026-12-15', {
      category: 'cancelamento',
      subject: 'Cancelar contrato',
    });
    await reply(agent, ticket.id);
    expect((await park(agent, ticket.id, 'waiting_customer')).status).toBe(200);

    setNow('2026-12-15T12:59');
    expect((await next(agent)).status).toBe(200);
    setNow('2026-12-15T13:00');
    await expectBlockedBy(agent, ticket, 'cancellation-step-owed', '2026-12-15T13:00', CONTACT_OWED);
    expect((await park(agent, ticket.id, 'waiting_third_party')).status).toBe(200);
    await expectBlockedBy(agent, ticket, 'cancellation-step-owed', '2026-12-15T13:00', CONTACT_OWED);

    setNow('2026-12-15T13:05');
    const contact = await desk.t.request('PUT', `/tickets/${ticket.id}/cancellation/contact`, {
      token: agent.token,
      body: { at: sp('2026-12-15T13:05').toISOString(), means: 'phone', withWhom: 'Maria (sócia)' },
    });
    expect(contact.status).toBe(200);
    setNow('2026-12-15T13:10');
    expect((await next(agent)).status).toBe(200);
  });

  it('counts from when the current holder took the ticket, not from when it was opened', async () => {
    const { agent: first, ticket } = await agentTaking('N4', '2026-12-16', {
      category: 'cancelamento',
      subject: 'Cancelar contrato',
    });
    setNow('2026-12-16T12:00');
    const second = await newAgent('N4');
    expect(
      (
        await desk.t.request('PATCH', `/tickets/${ticket.id}`, {
          token: desk.team.people.leader!.token,
          body: { assigneeId: second.id },
        })
      ).status,
    ).toBe(200);
    await reply(second, ticket.id);

    setNow('2026-12-16T15:59');
    expect((await next(second)).status).toBe(200);
    setNow('2026-12-16T16:00');
    await expectBlockedBy(second, ticket, 'cancellation-step-owed', '2026-12-16T16:00', CONTACT_OWED);
    expect((await next(first)).status).toBe(200);
  });
});
