import { performance } from 'node:perf_hooks';
import type { ConnectorContext } from '@escala/connector-kit';
import { InMemoryCorePort, SAMPLE_TICKET, sampleEvent } from '@escala/connector-kit/testing';
import {
  DEFAULT_GOOGLE_ACCESS_TOKEN,
  DEFAULT_GOOGLE_CALLER,
  startGoogleSheetsEmulator,
  type GoogleSheetsEmulator,
} from '@escala/emulators';
import googleSheets from '@escala/plugin-google-sheets';

/**
 * `npm run bench:sheets`: API requests per sync cycle of the Google Sheets connector for 10, 1 000
 * and 5 000 tracked rows (target: ≤ 3 whatever the count, 1 when nothing changed), and the time of
 * a full cycle beside the emulator's own time for the same requests sent bare (no client, no
 * diff), measured in the same run. BENCH_SHEET_ROWS overrides the row counts (comma-separated).
 */
const ROW_COUNTS = (process.env.BENCH_SHEET_ROWS ?? '10,1000,5000').split(',').map(Number);
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
const MODULES = ['Fiscal', 'NFS-e', 'Boletos', 'Agenda', 'Estoque'];

interface Row {
  rows: number;
  linking: number;
  reread: number;
  unchanged: number;
  edited: number;
  editedMs: number;
  bareReadsMs: number;
}

async function measure(count: number): Promise<Row> {
  const emulator = await startGoogleSheetsEmulator();
  try {
    const port = new InMemoryCorePort();
    const rows: Array<Array<string | number>> = [HEADERS];
    for (let i = 0; i < count; i += 1) {
      const ticket = await port.createTicket({ subject: `Erro ${i}`, body: 'x' });
      port.summaries.push({ ...SAMPLE_TICKET, id: ticket.id, number: ticket.number! });
      rows.push([ticket.number!, `Cliente ${i % 97}`, MODULES[i % MODULES.length]!, `Nota rejeitada (${i})`]);
    }
    const spreadsheetId = emulator.createSpreadsheet({ sheets: [{ title: 'Erros', rowCount: count + 10, rows }] });
    const config = googleSheets.configSchema.parse({
      spreadsheetId,
      credentials: { type: 'access_token', account: DEFAULT_GOOGLE_CALLER.email, token: DEFAULT_GOOGLE_ACCESS_TOKEN },
      sheetsUrl: emulator.rootUrl,
      driveUrl: emulator.rootUrl,
      requestsPerMinute: 300,
    });
    const context = (): ConnectorContext<typeof config> => ({
      channelId: 'bench',
      config,
      signal: AbortSignal.timeout(300_000),
      port,
    });
    const cycle = async () => {
      const before = emulator.received.length;
      const started = performance.now();
      const result = await googleSheets.poll!.poll(context(), null);
      for (const change of result.changes) await change.apply(port);
      return { requests: emulator.received.length - before, ms: performance.now() - started };
    };

    const linking = await cycle();
    const reread = await cycle();
    const unchanged = await cycle();
    // People edit three rows; Escala changed five tickets since the last cycle.
    const person = emulator.person(spreadsheetId);
    for (const row of [2, Math.ceil(count / 2) + 1, count + 1])
      person.type(`Erros!G${row}`, [['Em correção', 4000 + row]]);
    for (const ticket of port.tickets.slice(0, 5)) {
      await port.updateTicketFields(ticket.id, { fixVersion: '10.4.2' });
      const base = sampleEvent({ type: 'ticket.updated' });
      const payload = { ...base.payload, ticketId: ticket.id, number: ticket.number };
      await googleSheets.deliver!(context(), {
        event: { ...base, payload },
        idempotencyKey: base.id,
        attempt: 1,
      });
    }
    const edited = await cycle();
    const bareReadsMs = await bareReads(
      emulator,
      spreadsheetId,
      port.tickets.map((t) => t.number),
    );
    if (emulator.refused().length) throw new Error(`the emulator refused ${emulator.refused().length} request(s)`);
    return {
      rows: count,
      linking: linking.requests,
      reread: reread.requests,
      unchanged: unchanged.requests,
      edited: edited.requests,
      editedMs: edited.ms,
      bareReadsMs,
    };
  } finally {
    await emulator.close();
  }
}

/** The cycle's two reads (Drive version, the tab with every row's metadata) sent with bare fetch: the emulator's own share. */
async function bareReads(emulator: GoogleSheetsEmulator, spreadsheetId: string, numbers: number[]): Promise<number> {
  const headers = { authorization: `Bearer ${DEFAULT_GOOGLE_ACCESS_TOKEN}`, 'content-type': 'application/json' };
  const started = performance.now();
  const file = await fetch(`${emulator.url}/drive/v3/files/${spreadsheetId}?fields=version`, { headers });
  await file.json();
  const read = await fetch(`${emulator.url}/v4/spreadsheets/${spreadsheetId}/values:batchGetByDataFilter`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      dataFilters: [
        { a1Range: "'Erros'" },
        ...numbers.map((n) => ({
          developerMetadataLookup: { metadataKey: 'escala.ticket', metadataValue: String(n), locationType: 'ROW' },
        })),
      ],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
      majorDimension: 'ROWS',
    }),
  });
  if (!read.ok) throw new Error(`bare read: HTTP ${read.status}`);
  await read.json();
  return performance.now() - started;
}

const results: Row[] = [];
for (const count of ROW_COUNTS) {
  process.stdout.write(`measuring ${count} rows…\n`);
  results.push(await measure(count));
}
console.table(
  results.map((r) => ({
    'tracked rows': r.rows,
    'requests: first sync (linking)': r.linking,
    'requests: re-read after own write': r.reread,
    'requests: nothing changed': r.unchanged,
    'requests: 3 edits + 5 Escala changes': r.edited,
    'full cycle ms': Math.round(r.editedMs),
    'emulator bare reads ms': Math.round(r.bareReadsMs),
  })),
);
