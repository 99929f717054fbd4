import type { ConnectorContext, EventType, InboundChange } from '@escala/connector-kit';
import { InMemoryCorePort, SAMPLE_TICKET, sampleEvent } from '@escala/connector-kit/testing';
import { startGoogleSheetsEmulator, type Editor, type GoogleSheetsEmulator } from '@escala/emulators';
import { googleSheetsConnector } from '../src/google-sheets.connector.js';
import { googleSheetsConfigSchema, type GoogleSheetsConfig } from '../src/google-sheets.config.js';
import { emulatorConfig, errorSheet } from './error-sheet-fixture.js';

export const PAULA: Editor = { email: 'paula@padaria.test', displayName: 'Paula (N2)' };

/**
 * One channel of the connector against the emulator, through the real googleapis clients, with
 * the kit's in-memory core. `poll()` applies the changes as the platform does.
 */
export class SheetHarness {
  readonly port = new InMemoryCorePort();
  readonly config: GoogleSheetsConfig;

  private constructor(
    readonly emulator: GoogleSheetsEmulator,
    readonly spreadsheetId: string,
    extra: object,
  ) {
    this.config = googleSheetsConfigSchema.parse(
      emulatorConfig(emulator, spreadsheetId, { requestsPerMinute: 300, ...extra }),
    );
  }

  static async start(options: { rows?: Array<Array<string | number>>; config?: object } = {}) {
    const emulator = await startGoogleSheetsEmulator();
    return new SheetHarness(emulator, errorSheet(emulator, options.rows), options.config ?? {});
  }

  context(): ConnectorContext<GoogleSheetsConfig> {
    return { channelId: 'canal-planilha', config: this.config, signal: AbortSignal.timeout(60_000), port: this.port };
  }

  /** A ticket the core has (and can summarise by number). */
  async ticket(subject = 'NF-e rejeitada com CFOP válido') {
    const ref = await this.port.createTicket({ subject, body: subject });
    this.port.summaries.push({ ...SAMPLE_TICKET, id: ref.id, number: ref.number!, subject });
    return { id: ref.id, number: ref.number! };
  }

  async authorise(ticket: { id: string; number: number }, text: { description?: string; module?: string } = {}) {
    const base = sampleEvent({ type: 'error_sheet.authorised' });
    const event = {
      ...base,
      aggregateId: ticket.id,
      payload: {
        ...base.payload,
        ticketId: ticket.id,
        number: ticket.number,
        ticket: { ...base.payload.ticket, id: ticket.id, number: ticket.number },
        ...text,
      },
    };
    return googleSheetsConnector.deliver!(this.context(), { event, idempotencyKey: `${event.id}:c`, attempt: 1 });
  }

  /** An event about a ticket Escala changed (an agent set a field): the connector queues the row. */
  async ticketChanged(ticket: { id: string; number: number }, type: EventType = 'ticket.updated') {
    const base = sampleEvent({ type: type as 'ticket.updated' });
    const event = {
      ...base,
      aggregateId: ticket.id,
      payload: {
        ...base.payload,
        ticketId: ticket.id,
        number: ticket.number,
        ticket: { ...base.payload.ticket, id: ticket.id, number: ticket.number },
      },
    };
    await googleSheetsConnector.deliver!(this.context(), { event, idempotencyKey: `${event.id}:c`, attempt: 1 });
  }

  /** One sync cycle; its changes applied through the port. Returns them and how many requests it made. */
  async poll(): Promise<{ changes: InboundChange[]; requests: number }> {
    const before = this.emulator.received.length;
    const result = await googleSheetsConnector.poll!.poll(this.context(), null);
    const requests = this.emulator.received.length - before;
    for (const change of result.changes) await change.apply(this.port);
    return { changes: result.changes, requests };
  }

  /** The sheet's rows as the API returns them (row 1 = header). */
  rows() {
    return this.emulator.values(this.spreadsheetId, 'Erros');
  }

  /** The 1-based row whose key cell shows the number, or 0. */
  rowNumberOf(number: number): number {
    return this.rows().findIndex((row) => row[0] === number) + 1;
  }

  rowOf(number: number) {
    return this.rows().find((row) => row[0] === number);
  }

  person(editor: Editor = PAULA) {
    return this.emulator.person(this.spreadsheetId, editor);
  }

  /** How many rows carry this ticket's metadata. */
  anchors(number: number): number {
    return this.emulator
      .inspect(this.spreadsheetId)
      .developerMetadata.filter((metadata) => metadata.metadataValue === String(number)).length;
  }

  close() {
    return this.emulator.close();
  }
}
