import { ConnectorError } from '@escala/connector-kit';
import type { GoogleApi } from './google-api.js';
import { layoutFromHeader, type Cell, type Layout } from './sheet-cells.js';
import { quotedTab } from './sheet-read.js';
import type { SheetInfo, SheetState } from './sheet-state.js';

/** The tab's id and the sheet's time zone: read once, kept in the channel's state. */
async function fetchSheetInfo(api: GoogleApi): Promise<Omit<SheetInfo, 'layout' | 'version'>> {
  const { config } = api;
  const spreadsheet = await api.call((signal) =>
    api.sheets.spreadsheets.get(
      { spreadsheetId: config.spreadsheetId, fields: 'properties.timeZone,sheets.properties(sheetId,title)' },
      { signal },
    ),
  );
  const tab = spreadsheet.sheets?.find((sheet) => sheet.properties?.title === config.tab);
  if (!tab || typeof tab.properties?.sheetId !== 'number')
    throw ConnectorError.invalidConfiguration(
      `the spreadsheet has no tab "${config.tab}"; tabs: ${(spreadsheet.sheets ?? []).map((s) => s.properties?.title).join(', ')}`,
    );
  return { sheetId: tab.properties.sheetId, timeZone: spreadsheet.properties?.timeZone ?? 'America/Sao_Paulo' };
}

/** Finds the mapped headers in the header row, or says which are missing (a configuration error). */
export function layoutOf(header: Cell[] | undefined, api: GoogleApi): Layout {
  const layout = layoutFromHeader(header ?? [], api.config.columns);
  if ('missing' in layout)
    throw ConnectorError.invalidConfiguration(
      `row ${api.config.headerRow} of "${api.config.tab}" lacks the column(s) ${layout.missing.join(', ')}`,
    );
  return layout;
}

/**
 * What the channel knows of its tab, reading the sheet the first time; `fresh` reads it again
 * (the "test connection" check), keeping the last synced version.
 */
export async function sheetInfo(api: GoogleApi, state: SheetState, fresh = false): Promise<SheetInfo> {
  const known = await state.info();
  if (known && !fresh) return known;
  const { sheetId, timeZone } = await fetchSheetInfo(api);
  const range = `${quotedTab(api.config.tab)}!${api.config.headerRow}:${api.config.headerRow}`;
  const header = await api.call((signal) =>
    api.sheets.spreadsheets.values.get(
      { spreadsheetId: api.config.spreadsheetId, range, valueRenderOption: 'UNFORMATTED_VALUE' },
      { signal },
    ),
  );
  const layout = layoutOf(header.values?.[0] as Cell[], api);
  const info: SheetInfo = { sheetId, timeZone, layout, version: known?.sheetId === sheetId ? known.version : null };
  await state.putInfo(info);
  return info;
}
