import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_GOOGLE_ACCESS_TOKEN,
  DEFAULT_GOOGLE_CALLER,
  startGoogleSheetsEmulator,
  type GoogleSheetsEmulator,
} from '../src/index.js';
import { googleClients } from './sheets-client.js';

const PERSON_TOKEN = 'token-of-another-writer';
const HEADER = ['Nº SSC', 'Cliente', 'Módulo', 'Status'];

let emulator: GoogleSheetsEmulator;
let clients: ReturnType<typeof googleClients>;
let spreadsheetId: string;

beforeAll(async () => {
  emulator = await startGoogleSheetsEmulator({
    tokens: {
      [DEFAULT_GOOGLE_ACCESS_TOKEN]: DEFAULT_GOOGLE_CALLER,
      [PERSON_TOKEN]: { email: 'outra.pessoa@example.com', project: 'another-project' },
    },
  });
  clients = googleClients(emulator);
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.faults.clear();
  spreadsheetId = emulator.createSpreadsheet({
    title: 'Controle de Correção de Erros',
    sheets: [
      {
        title: 'Erros',
        rows: [
          HEADER,
          ['101', 'ACME', 'Fiscal', 'Aberto'],
          ['102', 'Beta Ltda', '', 'Aberto', '', ''],
          ['103', 'Gama'],
        ],
      },
    ],
  });
});

/** Appends one ticket row atomically: insert + cells + metadata keyed by ticket, as the connector will. */
async function addTicketRow(rowIndex: number, ticket: string, cells: string[]) {
  return clients.sheets.spreadsheets.batchUpdate({
    spreadsheetId,
    requestBody: {
      requests: [
        { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: rowIndex, endIndex: rowIndex + 1 } } },
        {
          updateCells: {
            start: { sheetId: 0, rowIndex, columnIndex: 0 },
            rows: [{ values: cells.map((stringValue) => ({ userEnteredValue: { stringValue } })) }],
            fields: 'userEnteredValue',
          },
        },
        {
          createDeveloperMetadata: {
            developerMetadata: {
              metadataKey: 'ticketId',
              metadataValue: ticket,
              visibility: 'PROJECT',
              location: {
                dimensionRange: { sheetId: 0, dimension: 'ROWS', startIndex: rowIndex, endIndex: rowIndex + 1 },
              },
            },
          },
        },
      ],
    },
  });
}

async function rowOf(ticket: string): Promise<number | undefined> {
  const found = await clients.sheets.spreadsheets.developerMetadata.search({
    spreadsheetId,
    requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'ticketId', metadataValue: ticket } }] },
  });
  return found.data.matchedDeveloperMetadata?.[0]?.developerMetadata?.location?.dimensionRange?.startIndex ?? undefined;
}

async function driveVersion(): Promise<number> {
  const file = await clients.drive.files.get({ fileId: spreadsheetId, fields: 'version,modifiedTime' });
  return Number(file.data.version);
}

describe('reads', () => {
  it('spreadsheets.get gives the locale, time zone and tabs, trimmed by the fields mask', async () => {
    const { data } = await clients.sheets.spreadsheets.get({
      spreadsheetId,
      fields: 'properties(locale,timeZone),sheets.properties(sheetId,title)',
    });
    expect(data).toEqual({
      properties: { locale: 'pt_BR', timeZone: 'America/Sao_Paulo' },
      sheets: [{ properties: { sheetId: 0, title: 'Erros' } }],
    });
  });

  it('batchGet returns ragged rows: trailing empty cells and rows left out, an empty range without values', async () => {
    emulator.person(spreadsheetId).type('Erros!E2', [['03/12/2026']]);
    const { data } = await clients.sheets.spreadsheets.values.batchGet({
      spreadsheetId,
      ranges: ['Erros!A1:F50', "'Erros'!H1:H5"],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    expect(data.valueRanges).toEqual([
      {
        range: 'Erros!A1:F50',
        majorDimension: 'ROWS',
        values: [HEADER, [101, 'ACME', 'Fiscal', 'Aberto', 46359], [102, 'Beta Ltda', '', 'Aberto'], [103, 'Gama']],
      },
      { range: 'Erros!H1:H5', majorDimension: 'ROWS' },
    ]);
  });

  it('formatted values follow the pt-BR locale (decimal comma, dd/mm/aaaa, VERDADEIRO)', async () => {
    emulator.person(spreadsheetId).type('Erros!E2', [['1234,5', '03/12/2026', 'true']]);
    const { data } = await clients.sheets.spreadsheets.values.get({ spreadsheetId, range: 'Erros!E2:G2' });
    expect(data.values).toEqual([['1234,5', '03/12/2026', 'VERDADEIRO']]);
  });
});

describe('writes', () => {
  it('RAW keeps formula-looking text as text; USER_ENTERED evaluates it', async () => {
    await clients.sheets.spreadsheets.values.update({
      spreadsheetId,
      range: 'Erros!C2',
      valueInputOption: 'RAW',
      requestBody: { values: [['=1+1']] },
    });
    await clients.sheets.spreadsheets.values.update({
      spreadsheetId,
      range: 'Erros!C3',
      valueInputOption: 'USER_ENTERED',
      requestBody: { values: [['=1+1']] },
    });
    expect(emulator.values(spreadsheetId, 'Erros!C2:C3')).toEqual([['=1+1'], [2]]);
    expect(emulator.values(spreadsheetId, 'Erros!C2:C3', 'FORMULA')).toEqual([['=1+1'], ['=1+1']]);
  });

  it('a write without valueInputOption, with an unknown field or query parameter is refused loudly', async () => {
    await expect(
      clients.sheets.spreadsheets.values.update({ spreadsheetId, range: 'Erros!A2', requestBody: { values: [['x']] } }),
    ).rejects.toMatchObject({ status: 400, message: 'Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED' });
    await expect(
      clients.sheets.spreadsheets.batchUpdate({
        spreadsheetId,
        requestBody: { requests: [{ repeatCell: {} } as never] },
      }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('Unknown name "repeatCell" at \'requests[0]\''),
    });
    await expect(
      clients.sheets.spreadsheets.values.get({ spreadsheetId, range: 'Erros!A1', foo: 'bar' } as never),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Unknown name "foo"') });
  });

  it('append writes after the table and names the new row in updates.updatedRange', async () => {
    const { data } = await clients.sheets.spreadsheets.values.append({
      spreadsheetId,
      range: 'Erros!A:D',
      valueInputOption: 'RAW',
      requestBody: { values: [['104', 'Delta']] },
    });
    expect(data.tableRange).toBe('Erros!A1:D4');
    expect(data.updates).toMatchObject({ updatedRange: 'Erros!A5:B5', updatedRows: 1, updatedCells: 2 });
    expect(emulator.values(spreadsheetId, 'Erros!A5:B5')).toEqual([['104', 'Delta']]);
  });

  it('append with INSERT_ROWS pushes the rows below down, their metadata with them', async () => {
    await addTicketRow(5, 'T-9', ['109', 'Below']); // a blank 5th row ends the table above it
    const { data } = await clients.sheets.spreadsheets.values.append({
      spreadsheetId,
      range: 'Erros!A:D',
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [['104', 'novo']] },
    });
    expect(data.updates?.updatedRange).toBe('Erros!A5:B5');
    expect(await rowOf('T-9')).toBe(6);
    expect(emulator.values(spreadsheetId, 'Erros!A7:B7')).toEqual([['109', 'Below']]);
  });
});

describe('batchUpdate and developer metadata', () => {
  it('insert + cells + metadata land together, and the metadata follows its row as people insert and delete', async () => {
    await addTicketRow(4, 'T-42', ['142', 'Omega']);
    expect(await rowOf('T-42')).toBe(4);
    const person = emulator.person(spreadsheetId);
    person.insertRowsAbove('Erros', 2, 2);
    person.deleteRows('Erros', 4); // row 102, unrelated
    expect(await rowOf('T-42')).toBe(5);

    const { data } = await clients.sheets.spreadsheets.values.batchGetByDataFilter({
      spreadsheetId,
      requestBody: {
        valueRenderOption: 'UNFORMATTED_VALUE',
        dataFilters: [{ developerMetadataLookup: { metadataKey: 'ticketId', metadataValue: 'T-42' } }],
      },
    });
    expect(data.valueRanges?.[0]?.valueRange).toMatchObject({ range: 'Erros!A6:Z6', values: [['142', 'Omega']] });

    await clients.sheets.spreadsheets.values.batchUpdateByDataFilter({
      spreadsheetId,
      requestBody: {
        valueInputOption: 'RAW',
        data: [
          {
            dataFilter: { developerMetadataLookup: { metadataValue: 'T-42' } },
            values: [[null, null, null, 'Corrigido']],
          },
        ],
      },
    });
    expect(emulator.values(spreadsheetId, 'Erros!A6:D6')).toEqual([['142', 'Omega', '', 'Corrigido']]);

    person.deleteRows('Erros', 6);
    expect(await rowOf('T-42')).toBeUndefined();
    expect(emulator.inspect(spreadsheetId).developerMetadata).toEqual([]);
  });

  it('a batchUpdate with one bad request changes nothing at all', async () => {
    const before = emulator.inspect(spreadsheetId).version;
    await expect(
      clients.sheets.spreadsheets.batchUpdate({
        spreadsheetId,
        requestBody: {
          requests: [
            { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
            { deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 5000, endIndex: 5001 } } },
          ],
        },
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('requests[1].deleteDimension') });
    expect(emulator.values(spreadsheetId, 'Erros!A2')).toEqual([[101]]);
    expect(emulator.inspect(spreadsheetId).version).toBe(before);
  });

  it('PROJECT metadata is invisible to another project', async () => {
    await addTicketRow(4, 'T-7', ['107']);
    const other = googleClients(emulator, PERSON_TOKEN);
    const found = await other.sheets.spreadsheets.developerMetadata.search({
      spreadsheetId,
      requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'ticketId' } }] },
    });
    expect(found.data).toEqual({});
  });

  it('on a sort the cells move and row metadata stays put, unless the emulator is told it follows', async () => {
    await addTicketRow(4, 'T-1', ['001', 'Aaa']);
    // Descending: text sorts after numbers, so the text '001' comes first.
    emulator.person(spreadsheetId).sortRows('Erros', 'A', 'DESCENDING');
    expect(emulator.values(spreadsheetId, 'Erros!A2:A5')).toEqual([['001'], [103], [102], [101]]);
    expect(await rowOf('T-1')).toBe(4);

    emulator.metadataFollowsSort = true;
    try {
      await clients.sheets.spreadsheets.batchUpdate({
        spreadsheetId,
        requestBody: {
          requests: [
            {
              sortRange: {
                range: { sheetId: 0, startRowIndex: 1 },
                sortSpecs: [{ dimensionIndex: 1, sortOrder: 'DESCENDING' }],
              },
            },
          ],
        },
      });
    } finally {
      emulator.metadataFollowsSort = false;
    }
    // T-1's metadata stayed on the 5th row, now ACME's; this time it follows ACME to the 4th.
    expect(emulator.values(spreadsheetId, 'Erros!B2:B5')).toEqual([['Gama'], ['Beta Ltda'], ['ACME'], ['Aaa']]);
    expect(await rowOf('T-1')).toBe(3);
  });
});

describe('permissions', () => {
  it('a protected column refuses another editor with 400; warning-only protection does not', async () => {
    await clients.sheets.spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: {
        requests: [
          {
            addProtectedRange: {
              protectedRange: { range: { sheetId: 0, startColumnIndex: 0, endColumnIndex: 1 }, description: 'Nº SSC' },
            },
          },
          {
            addProtectedRange: {
              protectedRange: { range: { sheetId: 0, startColumnIndex: 3, endColumnIndex: 4 }, warningOnly: true },
            },
          },
        ],
      },
    });
    emulator.setAccess(spreadsheetId, 'outra.pessoa@example.com', 'writer');
    const other = googleClients(emulator, PERSON_TOKEN);
    await expect(
      other.sheets.spreadsheets.values.update({
        spreadsheetId,
        range: 'Erros!A2',
        valueInputOption: 'RAW',
        requestBody: { values: [['999']] },
      }),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/^You are trying to edit a protected cell or object/),
    });
    await other.sheets.spreadsheets.values.update({
      spreadsheetId,
      range: 'Erros!D2',
      valueInputOption: 'RAW',
      requestBody: { values: [['Em análise']] },
    });
    // The service account created the protection, so it stays an editor of it.
    await clients.sheets.spreadsheets.values.update({
      spreadsheetId,
      range: 'Erros!A2',
      valueInputOption: 'RAW',
      requestBody: { values: [['101']] },
    });
  });

  it('no access to the file: 403 from Sheets, 404 from Drive; a bad token: 401', async () => {
    emulator.setAccess(spreadsheetId, DEFAULT_GOOGLE_CALLER.email, undefined);
    await expect(clients.sheets.spreadsheets.get({ spreadsheetId })).rejects.toMatchObject({
      status: 403,
      message: 'The caller does not have permission',
    });
    await expect(clients.drive.files.get({ fileId: spreadsheetId, fields: 'version' })).rejects.toMatchObject({
      status: 404,
      message: `File not found: ${spreadsheetId}.`,
    });
    await expect(googleClients(emulator, 'stolen').sheets.spreadsheets.get({ spreadsheetId })).rejects.toMatchObject({
      status: 401,
    });
    const anonymous = await fetch(`${emulator.rootUrl}v4/spreadsheets/${spreadsheetId}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });
});

describe('Drive version', () => {
  it('grows with API writes and with people’s edits; files.get shows it only when asked for', async () => {
    const first = await driveVersion();
    await clients.sheets.spreadsheets.values.update({
      spreadsheetId,
      range: 'Erros!D2',
      valueInputOption: 'RAW',
      requestBody: { values: [['Corrigido']] },
    });
    const afterApi = await driveVersion();
    emulator.person(spreadsheetId).type('Erros!D3', [['Corrigido']]);
    const afterPerson = await driveVersion();
    expect(afterApi).toBeGreaterThan(first);
    expect(afterPerson).toBeGreaterThan(afterApi);

    const { data } = await clients.drive.files.get({ fileId: spreadsheetId });
    expect(data).toEqual({
      kind: 'drive#file',
      id: spreadsheetId,
      name: 'Controle de Correção de Erros',
      mimeType: 'application/vnd.google-apps.spreadsheet',
    });
    await expect(clients.drive.files.get({ fileId: spreadsheetId, fields: 'version,etag' })).rejects.toMatchObject({
      status: 400,
      message: 'Invalid field selection etag',
    });
  });

  it('names the last modifying user: the person who typed, or the service account that wrote', async () => {
    const lastModifier = async () =>
      (await clients.drive.files.get({ fileId: spreadsheetId, fields: 'lastModifyingUser(emailAddress,me)' })).data
        .lastModifyingUser;
    emulator.person(spreadsheetId, { email: 'paula@padaria.test', displayName: 'Paula' }).type('Erros!D3', [['x']]);
    expect(await lastModifier()).toEqual({ emailAddress: 'paula@padaria.test', me: false });
    await clients.sheets.spreadsheets.values.update({
      spreadsheetId,
      range: 'Erros!D3',
      valueInputOption: 'RAW',
      requestBody: { values: [['y']] },
    });
    expect(await lastModifier()).toEqual({ emailAddress: DEFAULT_GOOGLE_CALLER.email, me: true });
  });
});

describe('faults', () => {
  it('429 with Retry-After: googleapis retries a GET by itself but hands a POST’s 429 to the caller', async () => {
    const before = emulator.received.length;
    emulator.faults.next(1, { status: 429, retryAfter: 0 });
    await clients.sheets.spreadsheets.values.get({ spreadsheetId, range: 'Erros!A1' });
    const gets = emulator.received.slice(before);
    expect(gets.map((request) => request.status)).toEqual([429, 200]);

    emulator.faults.next(1, { status: 429, retryAfter: new Date(Date.now() + 30_000) });
    const failure = await clients.sheets.spreadsheets.values
      .append({ spreadsheetId, range: 'Erros!A:D', valueInputOption: 'RAW', requestBody: { values: [['x']] } })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      status: 429,
      response: { data: { error: { status: 'RESOURCE_EXHAUSTED', errors: [{ reason: 'rateLimitExceeded' }] } } },
    });
    expect(emulator.values(spreadsheetId, 'Erros!A5')).toEqual([]);
    const lastAnswer = emulator.received.at(-1)!;
    expect(lastAnswer).toMatchObject({ status: 429, faulted: true });
  });

  it('403 rateLimitExceeded, a 503 after the write landed, and a slow answer', async () => {
    emulator.faults.next(1, { status: 403, match: (request) => request.method === 'POST' });
    await expect(
      clients.sheets.spreadsheets.values.append({
        spreadsheetId,
        range: 'Erros!A:A',
        valueInputOption: 'RAW',
        requestBody: { values: [['a']] },
      }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { error: { errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits' }] } } },
    });

    emulator.faults.next(1, { status: 503, afterHandling: true, match: (request) => request.method === 'POST' });
    await expect(
      clients.sheets.spreadsheets.values.append({
        spreadsheetId,
        range: 'Erros!A:A',
        valueInputOption: 'RAW',
        requestBody: { values: [['b']] },
      }),
    ).rejects.toMatchObject({ status: 503 });
    expect(emulator.values(spreadsheetId, 'Erros!A5')).toEqual([['b']]);

    emulator.faults.next(1, { delayMs: 50 });
    const slow = await clients.sheets.spreadsheets.values.get({ spreadsheetId, range: 'Erros!A5' });
    expect(slow.data.values).toEqual([['b']]);
    expect(emulator.faults.pending).toBe(0);
  });

  it('answers a route it does not know with a loud 404', async () => {
    const response = await fetch(`${emulator.rootUrl}v4/spreadsheets/${spreadsheetId}/sheets/0:copyTo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_GOOGLE_ACCESS_TOKEN}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: 404, message: expect.stringMatching(/unknown route/) },
    });
  });
});
