import {
  isConnectorError,
  type AllowedTicketFields,
  type ChannelPort,
  type ConnectorEvent,
  type EventPayload,
} from '@escala/connector-kit';
import type { GoogleApi } from './google-api.js';
import type { GoogleSheetsConfig, SheetField } from './google-sheets.config.js';
import { localDate, type RowValues } from './sheet-cells.js';
import { sheetInfo } from './sheet-info.js';
import { metadataLookup } from './sheet-read.js';
import { SheetState } from './sheet-state.js';
import { insertRow } from './sheet-writes.js';

/** Escala's side of a row: the columns written to the sheet (to-sheet and both). */
function escalasColumns(config: GoogleSheetsConfig, values: RowValues): RowValues {
  const kept: RowValues = {};
  for (const column of config.columns)
    if (column.direction !== 'from-sheet' && values[column.field] !== undefined)
      kept[column.field] = values[column.field];
  return kept;
}

async function ticketFields(port: ChannelPort, ticketId: string): Promise<RowValues> {
  const fields: AllowedTicketFields = await port.getExternalTicketFields(ticketId).catch((error: unknown) => {
    // The event carries everything a row needs: a ticket the core no longer finds leaves these columns empty.
    if (isConnectorError(error) && error.kind === 'not_found') return {};
    throw error;
  });
  return {
    externalStatus: fields.externalStatus ?? '',
    devRequestReference: fields.devRequestReference ?? '',
    fixVersion: fields.fixVersion ?? '',
    note: fields.note ?? '',
  };
}

/** Whether the sheet already has the ticket's row (found by its metadata, wherever people moved it). */
async function rowExists(api: GoogleApi, number: number): Promise<boolean> {
  const found = await api.call((signal) =>
    api.sheets.spreadsheets.developerMetadata.search(
      { spreadsheetId: api.config.spreadsheetId, requestBody: { dataFilters: [metadataLookup(number)] } },
      { signal },
    ),
  );
  return (found.matchedDeveloperMetadata ?? []).length > 0;
}

/**
 * The authorisation: one new row, added atomically. Checked before the first attempt and before
 * every retry, so a repeated delivery or a retry after a lost answer never adds a second row.
 */
export async function addAuthorisedRow(
  api: GoogleApi,
  port: ChannelPort,
  payload: EventPayload<'error_sheet.authorised'>,
): Promise<{ externalId: string }> {
  const state = new SheetState(port.state);
  const info = await sheetInfo(api, state);
  const number = payload.number;
  const values: RowValues = {
    number: String(number),
    customer: payload.customer.name ?? payload.ticket.customer.name,
    module: payload.module ?? '',
    description: payload.description,
    authorisedAt: localDate(payload.authorisedAt, info.timeZone),
    authorisedBy: payload.authorisedBy.displayName,
    ...(await ticketFields(port, payload.ticketId)),
  };
  const written = escalasColumns(api.config, values);
  if (!(await rowExists(api, number))) {
    await api.write(
      (signal) =>
        api.sheets.spreadsheets.batchUpdate(
          {
            spreadsheetId: api.config.spreadsheetId,
            requestBody: { requests: insertRow(info.sheetId, api.config.headerRow, number, written, info.layout) },
          },
          { signal },
        ),
      () => rowExists(api, number),
    );
  }
  await state.putRows(new Map([[number, values]]));
  return { externalId: `${api.config.spreadsheetId}#${number}` };
}

/**
 * A later change of a tracked ticket: what differs from the sheet's last known values is queued,
 * and the next sync cycle writes every queued row in one request.
 */
export async function queueTicketChange(api: GoogleApi, port: ChannelPort, event: ConnectorEvent): Promise<void> {
  const payload = event.payload as { ticketId?: string; number?: number; ticket?: { customer: { name: string } } };
  if (!payload.ticketId || !payload.number) return;
  const state = new SheetState(port.state);
  const known = await state.row(payload.number);
  if (!known) return;
  const now: RowValues = {
    ...(payload.ticket ? { customer: payload.ticket.customer.name } : {}),
    ...(await ticketFields(port, payload.ticketId)),
  };
  const changed: RowValues = {};
  for (const [field, value] of Object.entries(escalasColumns(api.config, now)) as Array<[SheetField, string]>)
    if ((known[field] ?? '') !== value) changed[field] = value;
  if (Object.keys(changed).length === 0) return;
  const dirty = await state.dirty();
  dirty.set(payload.number, { ...dirty.get(payload.number), ...changed });
  await state.putDirty(dirty);
}
