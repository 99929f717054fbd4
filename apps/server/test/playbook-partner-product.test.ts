import { describe, expect, it } from 'vitest';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';
import { expectCatalogued } from './support/event-catalogue.js';

const app = useTeamApp();

const agent = () => app.team.people.N4!.token;
const leader = () => app.team.people.leader!.token;
async function markedTicket() {
  const created = await app.t.request('POST', '/tickets', {
    token: agent(),
    body: ticketBody(app.team, { subject: 'Emissor de boletos do parceiro' }),
  });
  const marked = await app.t.request('POST', `/tickets/${created.body.id}/partner-product`, {
    token: agent(),
    body: { partnerName: 'BoletoFácil', productName: 'Cobrança Online' },
  });
  expect(marked.status).toBe(201);
  return { id: created.body.id as string, number: created.body.number as number, marked: marked.body };
}
const entries = async (id: string) =>
  (await app.t.request('GET', `/tickets/${id}/entries`, { token: agent() })).body.items as {
    kind: string;
    body: string;
  }[];
const pendingIds = async () =>
  (
    (await app.t.request('GET', '/partner-cases/pending', { token: leader() })).body.items as { ticketId: string }[]
  ).map((i) => i.ticketId);

describe('partner products', () => {
  it('replies to the customer with the pt-BR template and asks the leader by internal note; the case waits on the leader', async () => {
    const { id, number } = await markedTicket();
    const history = await entries(id);
    expect(history.find((e) => e.kind === 'public')!.body).toBe(
      `Olá, Contabilidade Exemplo n1-n5-1.\n\nA sua solicitação ${number} envolve o produto Cobrança Online, da empresa parceira BoletoFácil. A empresa parceira entrará em contato com você para dar continuidade ao atendimento.\n\nPermanecemos à disposição.`,
    );
    expect(history.find((e) => e.kind === 'internal')!.body).toBe(
      `Líder: favor notificar o suporte da empresa parceira BoletoFácil para que entre em contato com o cliente Contabilidade Exemplo n1-n5-1 sobre o produto Cobrança Online (solicitação ${number}, atendida por N4 n1-n5). Registre a notificação no chamado após o contato.`,
    );
    expect(
      await sql(
        app.t,
        `select type from outbox_events where aggregate_id = $1 and type in ('ticket.reply_sent', 'ticket.partner_product_marked') order by position`,
        [id],
      ),
    ).toEqual([{ type: 'ticket.partner_product_marked' }, { type: 'ticket.reply_sent' }]);
    expect(await pendingIds()).toContain(id);
    expect(
      (
        await app.t.request('POST', `/tickets/${id}/partner-product`, {
          token: agent(),
          body: { partnerName: 'X', productName: 'Y' },
        })
      ).status,
    ).toBe(409);
    // The message is the first response to the customer: N4's first-response clock is met by it.
    const clocks = (await app.t.request('GET', `/tickets/${id}/sla`, { token: leader() })).body.clocks as {
      kind: string;
      state: string;
    }[];
    expect(clocks.find((c) => c.kind === 'first-response')).toMatchObject({ state: 'met' });
  });

  it('leaves the pending list once the leader records the notification; only a leader may, once', async () => {
    const { id } = await markedTicket();
    const byAgent = await app.t.request('POST', `/tickets/${id}/partner-product/notification`, {
      token: agent(),
      body: { means: 'email', note: 'avisado' },
    });
    expect(byAgent.status).toBe(403);
    const notified = await app.t.request('POST', `/tickets/${id}/partner-product/notification`, {
      token: leader(),
      body: { means: 'email', note: 'E-mail ao suporte@boletofacil.com.br' },
    });
    expect(notified.status).toBe(201);
    expect(notified.body.partnerCase.notification).toMatchObject({ means: 'email', by: 'Leader n1-n5' });
    expect(await pendingIds()).not.toContain(id);
    expect(
      (
        await app.t.request('POST', `/tickets/${id}/partner-product/notification`, {
          token: leader(),
          body: { means: 'email', note: 'de novo' },
        })
      ).status,
    ).toBe(409);
  });

  it('renders the customer message an admin edited, with the ticket data, without a restart', async () => {
    const saved = await app.t.request('PUT', '/playbook/templates/partner-product.customer-message/pt-BR', {
      token: app.team.admin,
      body: {
        body: 'Prezado(a) {{customerName}}, o produto {{productName}} é da {{partnerName}}; ela falará com você sobre a solicitação {{ticketNumber}}.',
      },
    });
    expect(saved.status).toBe(200);
    const { id, number } = await markedTicket();
    expect((await entries(id)).find((e) => e.kind === 'public')!.body).toBe(
      `Prezado(a) Contabilidade Exemplo n1-n5-1, o produto Cobrança Online é da BoletoFácil; ela falará com você sobre a solicitação ${number}.`,
    );
  });
});

describe('events', () => {
  it('wrote each of its events in the shape the kit catalogue declares', async () => {
    await expectCatalogued(app.t, ['ticket.partner_product_marked', 'ticket.reply_sent']);
  });
});
