import { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelConfigCodec,
  ConnectorRegistry,
  CORE_PORTS,
  InboundChanges,
  PollRunner,
  type CorePorts,
} from '@escala/core';
import {
  DEFAULT_GOOGLE_ACCESS_TOKEN,
  DEFAULT_GOOGLE_CALLER,
  startGoogleSheetsEmulator,
  type GoogleSheetsEmulator,
} from '@escala/emulators';
import googleSheets from '@escala/plugin-google-sheets';
import { sql } from './support/sql.js';
import { setUpTeam, ticketBody, type SupportTeam } from './support/support-team.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const HEADERS = [
  'Nº SSC',
  'Cliente',
  'Módulo',
  'Descrição do erro',
  'Data de inclusão',
  'Autorizado por',
  'Status',
  'SS/Desenvolvimento',
  'Versão da correção',
  'Observações',
];
const PAULA = { email: 'paula@padaria.test', displayName: 'Paula' };

describe('Google Sheets channel: people’s edits in the error sheet become audited ticket updates', () => {
  let t: TestApp;
  let team: SupportTeam;
  let emulator: GoogleSheetsEmulator;
  let runner: PollRunner;
  let channelId: string;
  let spreadsheetId: string;
  let ticket: { id: string; number: number };

  const pollNow = async () => {
    await sql(t, 'update channel_poll_states set next_poll_at = now() where channel_id = $1', [channelId]);
    await runner.tick();
  };

  beforeAll(async () => {
    emulator = await startGoogleSheetsEmulator();
    t = await startTestApp({ ESCALA_ROLES: 'api' }, undefined, { connectors: [googleSheets] });
    team = await setUpTeam(t, 'n1-n5');
    ticket = (await t.request('POST', '/tickets', { token: team.admin, body: ticketBody(team) })).body;
    spreadsheetId = emulator.createSpreadsheet({
      title: 'Controle de Correção de Erros',
      sheets: [{ title: 'Erros', rows: [HEADERS, [ticket.number, 'Cliente', 'NFS-e', 'Nota rejeitada']] }],
    });
    const paula = team.people.N2!.id;
    await t.request('POST', `/users/${paula}/external-identities`, {
      token: team.admin,
      body: { system: 'google', id: PAULA.email },
    });
    const created = await t.request('POST', '/channels', {
      token: team.admin,
      body: {
        connector: 'google-sheets',
        name: 'Controle de Correção de Erros',
        config: {
          spreadsheetId,
          credentials: {
            type: 'access_token',
            account: DEFAULT_GOOGLE_CALLER.email,
            token: DEFAULT_GOOGLE_ACCESS_TOKEN,
          },
          sheetsUrl: emulator.rootUrl,
          driveUrl: emulator.rootUrl,
        },
        subscription: { eventTypes: ['error_sheet.authorised'] },
      },
    });
    expect(created.status).toBe(201);
    channelId = created.body.id;
    runner = new PollRunner(
      t.app.get(EntityManager),
      new ConnectorRegistry([googleSheets]),
      t.app.get(ChannelConfigCodec),
      t.app.get(InboundChanges),
      t.app.get(CORE_PORTS),
    );
  });
  afterAll(async () => {
    await t.close();
    await emulator.close();
  });

  it('Status and SS set by Paula show on the ticket after one poll, audited to her through the sheet', async () => {
    await pollNow(); // links the row already in the sheet to the ticket
    emulator.person(spreadsheetId, PAULA).type('Erros!G2', [['Em correção', 48213]]);
    await pollNow();
    const shown = await t.request('GET', `/tickets/${ticket.id}`, { token: team.admin });
    expect(shown.body).toMatchObject({
      externalStatus: 'Em correção',
      devRequestReference: '48213',
      status: 'waiting_development',
    });
    const audit = await t.request('GET', `/tickets/${ticket.id}/audit`, { token: team.admin });
    const bySheet = audit.body.items
      .filter((r: { action: string }) => ['ticket.updated', 'ticket.status_changed'].includes(r.action))
      .map((r: { action: string; actorLabel: string; actorId: string | null }) => [r.action, r.actorLabel, r.actorId]);
    const label = `N2 n1-n5 via connector:${channelId}`;
    expect(bySheet).toEqual([
      ['ticket.updated', label, team.people.N2!.id],
      ['ticket.status_changed', label, team.people.N2!.id],
    ]);
    expect(emulator.refused()).toEqual([]);
  });

  it('the same values read again record nothing more', async () => {
    const before = (await t.request('GET', `/tickets/${ticket.id}/audit`, { token: team.admin })).body.items.length;
    emulator.person(spreadsheetId, PAULA).type('Erros!J2', [['']]);
    await pollNow();
    await pollNow();
    const after = (await t.request('GET', `/tickets/${ticket.id}/audit`, { token: team.admin })).body.items.length;
    expect(after).toBe(before);
  });

  it('the port refuses a hostile attribution or status, and a move the lifecycle does not allow', async () => {
    const port = t.app.get<CorePorts>(CORE_PORTS).forChannel(channelId);
    await expect(
      port.updateTicketFields(ticket.id, { note: 'x' }, { identity: { system: 'google', id: 'não é um e-mail' } }),
    ).rejects.toMatchObject({ kind: 'permanent' });
    await expect(port.changeTicketStatus(ticket.id, 'explodido' as 'resolved')).rejects.toMatchObject({
      kind: 'permanent',
    });
    await expect(port.changeTicketStatus(ticket.id, 'closed')).rejects.toMatchObject({ kind: 'permanent' });
    await expect(port.getExternalTicketFields('not-a-uuid')).rejects.toMatchObject({ kind: 'not_found' });
    expect(await port.getExternalTicketFields(ticket.id)).toEqual({
      externalStatus: 'Em correção',
      devRequestReference: '48213',
      fixVersion: null,
      note: null,
    });
  });
});
