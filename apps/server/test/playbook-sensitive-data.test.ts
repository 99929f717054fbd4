import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_SENSITIVE_DATA_NOTICE } from '@escala/domain';
import { sql } from './support/sql.js';
import { ticketBody, useTeamApp } from './support/support-team.js';

const app = useTeamApp();
let ticketId: string;
beforeAll(async () => {
  const created = await app.t.request('POST', '/tickets', {
    token: app.team.people.N4!.token,
    body: ticketBody(app.team),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  ticketId = created.body.id;
});

const reply = (body: string, extra: Record<string, unknown> = {}) =>
  app.t.request('POST', `/tickets/${ticketId}/entries`, {
    token: app.team.people.N4!.token,
    body: { kind: 'public', body, ...extra },
  });
const storedBody = async (entryId: string) =>
  (await sql<{ body: string }>(app.t, 'select body from ticket_entries where id = $1', [entryId]))[0]!.body;

describe('sensitive-data notice on public replies', () => {
  it('ends a reply asking for access data and the certificate with the playbook notice, as stored and as sent', async () => {
    const sent = await reply(
      'Olá Maria, por favor nos envie os dados de acesso ao Domínio WEB e o certificado digital A1.',
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.body).toBe(
      `Olá Maria, por favor nos envie os dados de acesso ao Domínio WEB e o certificado digital A1.\n\n${SEED_SENSITIVE_DATA_NOTICE}`,
    );
    expect(await storedBody(sent.body.id)).toBe(sent.body.body);
  });

  it('adds the notice when the agent marks the reply though no phrase gives it away', async () => {
    const sent = await reply('Pode nos mandar aquilo que combinamos por telefone?', { sensitiveData: ['password'] });
    expect(sent.body.body.startsWith('Pode nos mandar aquilo que combinamos por telefone?\n\n')).toBe(true);
    expect(sent.body.body).not.toBe('Pode nos mandar aquilo que combinamos por telefone?');
  });

  it('cannot be removed or moved: a reply carrying the notice in the middle leaves with it at the end, once', async () => {
    const sent = await reply(
      `Segue a orientação.\n${SEED_SENSITIVE_DATA_NOTICE}\nInforme os dados de acesso e o certificado digital.`,
    );
    expect(sent.body.body).toBe(
      `Segue a orientação.\n\nInforme os dados de acesso e o certificado digital.\n\n${SEED_SENSITIVE_DATA_NOTICE}`,
    );
    expect(sent.body.body.split(SEED_SENSITIVE_DATA_NOTICE)).toHaveLength(2);
  });

  it('leaves replies and internal notes that ask for nothing sensitive untouched', async () => {
    const plain = await reply('O boleto foi reemitido, verifique seu e-mail.');
    expect(plain.body.body).toBe('O boleto foi reemitido, verifique seu e-mail.');
    const note = await app.t.request('POST', `/tickets/${ticketId}/entries`, {
      token: app.team.people.N4!.token,
      body: { kind: 'internal', body: 'Cliente pediu a senha do portal.' },
    });
    expect(note.body.body).toBe('Cliente pediu a senha do portal.');
  });

  it('rejects an unknown sensitive-data mark with 400', async () => {
    const bad = await reply('Oi', { sensitiveData: ['cpf'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('sensitiveData.0');
  });

  it('uses an admin edit of the notice on the next reply, without a restart', async () => {
    const edited = 'OBS: a senha será usada somente para este atendimento e descartada em seguida.';
    const saved = await app.t.request('PUT', '/playbook/templates/sensitive-data.notice.password/pt-BR', {
      token: app.team.admin,
      body: { body: edited },
    });
    expect(saved.status).toBe(200);
    const sent = await reply('Informe a senha do usuário administrador, por favor.');
    expect(sent.body.body).toBe(`Informe a senha do usuário administrador, por favor.\n\n${edited}`);
  });
});
