import {
  CONNECTOR_CONTRACT_VERSION,
  defineConnector,
  type ConnectorContext,
  type HealthReport,
} from '@escala/connector-kit';
import { GoogleApi, translateGoogleError } from './google-api.js';
import { googleSheetsConfigSchema, type GoogleSheetsConfig } from './google-sheets.config.js';
import { sheetInfo } from './sheet-info.js';
import { SheetState } from './sheet-state.js';
import { syncCycle } from './sheet-sync.js';
import { addAuthorisedRow, queueTicketChange } from './ticket-to-sheet.js';

function apiFor({ config, signal }: ConnectorContext<GoogleSheetsConfig>): GoogleApi {
  return new GoogleApi(config, signal);
}

export const googleSheetsConnector = defineConnector({
  key: 'google-sheets',
  displayName: 'Google Sheets',
  contractVersion: CONNECTOR_CONTRACT_VERSION,
  configSchema: googleSheetsConfigSchema,
  consumes: ['error_sheet.authorised', 'ticket.updated', 'ticket.status_changed'],

  /** The authorisation adds the row; later changes are queued for the next cycle's single write. */
  async deliver(context, { event }) {
    const api = apiFor(context);
    if (event.type === 'error_sheet.authorised') return addAuthorisedRow(api, context.port, event.payload);
    await queueTicketChange(api, context.port, event);
    return {};
  },

  poll: {
    intervalSeconds: 60,
    poll: (context) => syncCycle(apiFor(context), context.port),
  },

  /** Opens the tab and finds the mapped headers; reports what linking the sheet's existing rows left unmatched. */
  async health(context): Promise<HealthReport> {
    try {
      const state = new SheetState(context.port.state);
      await sheetInfo(apiFor(context), state, true);
      const report = await state.linkReport();
      // Rows left unmatched are people's to sort out in the sheet, not a fault of the connection.
      if (report && report.unmatched.length)
        return {
          status: 'healthy',
          detail: `linked ${report.linked} of ${report.rowsRead} rows already in the sheet; ${report.unmatched.length} not matched: ${report.unmatched
            .slice(0, 10)
            .map((row) => `row ${row.row} (${row.key}): ${row.reason}`)
            .join('; ')}`,
        };
      return { status: 'healthy', ...(report ? { detail: `linked ${report.linked} of ${report.rowsRead} rows` } : {}) };
    } catch (error) {
      return { status: 'unhealthy', detail: translateGoogleError(error).message };
    }
  },

  translateError: translateGoogleError,
});
