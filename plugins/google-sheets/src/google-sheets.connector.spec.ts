import { ConnectorError, HttpFailure } from '@escala/connector-kit';
import { connectorContractTests, SAMPLE_TICKET } from '@escala/connector-kit/testing';
import { startGoogleSheetsEmulator, type GoogleSheetsEmulator } from '@escala/emulators';
import { googleSheetsConnector } from './google-sheets.connector.js';
import { emulatorConfig, errorSheet, HEADERS } from '../test/error-sheet-fixture.js';

let emulator: GoogleSheetsEmulator;
let spreadsheetId: string;

connectorContractTests(googleSheetsConnector, {
  async startService() {
    emulator = await startGoogleSheetsEmulator();
    spreadsheetId = errorSheet(emulator, [[1, 'Padaria Pão Quente', 'Fiscal', 'NF-e rejeitada']]);
    return {
      config: emulatorConfig(emulator, spreadsheetId),
      // One row per ticket, however often the authorisation is delivered.
      effects: () =>
        emulator
          .inspect(spreadsheetId)
          .developerMetadata.filter((metadata) => metadata.metadataValue === String(SAMPLE_TICKET.number)).length,
      async addInboundItem() {
        const row = emulator.values(spreadsheetId, 'Erros!A:A').findIndex((cells) => cells[0] === 1) + 1;
        emulator.person(spreadsheetId).type(`Erros!G${row}`, [['Em correção']]);
      },
      stop: () => emulator.close(),
    };
  },
  async seedPollPort(port) {
    const ticket = await port.createTicket({ subject: 'NF-e rejeitada', body: 'CFOP válido' });
    port.summaries.push({ ...SAMPLE_TICKET, id: ticket.id, number: ticket.number! });
  },
  invalidConfigs: [
    { config: {}, field: 'spreadsheetId' },
    {
      config: { spreadsheetId: 'x', credentials: { type: 'access_token', account: 'a@b.co', token: '12345678' } },
      field: 'spreadsheetId',
    },
    {
      config: {
        spreadsheetId: 'abcdefghijkl',
        credentials: { type: 'service_account', client_email: 'x@y.co', private_key: 'nope' },
      },
      field: 'credentials.private_key',
    },
    {
      config: {
        spreadsheetId: 'abcdefghijkl',
        credentials: { type: 'access_token', account: 'a@b.co', token: '12345678' },
        columns: [{ field: 'customer', header: HEADERS[1], direction: 'to-sheet' }],
      },
      field: 'columns',
    },
    {
      config: {
        spreadsheetId: 'abcdefghijkl',
        credentials: { type: 'access_token', account: 'a@b.co', token: '12345678' },
        columns: [
          { field: 'number', header: 'Nº SSC', direction: 'to-sheet' },
          { field: 'customer', header: 'Cliente', direction: 'from-sheet' },
        ],
      },
      field: 'columns',
    },
  ],
  vendorErrors: [
    { name: 'a network failure', error: new TypeError('fetch failed'), kind: 'temporary' },
    { name: 'our own error', error: ConnectorError.authentication('expired'), kind: 'authentication' },
    {
      name: 'a write into a protected range (400)',
      error: {
        response: {
          status: 400,
          headers: {},
          data: { error: { code: 400, message: 'You are trying to edit a protected cell or object.' } },
        },
      },
      kind: 'permission',
    },
    {
      name: "Drive's 403 rateLimitExceeded",
      error: {
        response: {
          status: 403,
          headers: {},
          data: { error: { code: 403, errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] } },
        },
      },
      kind: 'rate_limited',
    },
    { name: 'a raw HTTP failure', error: new HttpFailure(503, {}, ''), kind: 'temporary' },
  ],
  speaksHttp: true,
});
