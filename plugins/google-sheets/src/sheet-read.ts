import type { GoogleApi } from './google-api.js';
import { normalise, rowValues, type Cell, type Layout, type RowValues } from './sheet-cells.js';

/** Row developer metadata: `escala.ticket` = the ticket number, visible to our project only. */
export const METADATA_KEY = 'escala.ticket';

export interface SheetRead {
  /** Every row of the tab from the first, ragged rows as Google sends them. */
  grid: Cell[][];
  /** Ticket number → 0-based row index where its metadata is now. */
  anchors: Map<number, number>;
}

export function quotedTab(tab: string): string {
  return `'${tab.replaceAll("'", "''")}'`;
}

export function metadataLookup(number: number) {
  return { developerMetadataLookup: { metadataKey: METADATA_KEY, metadataValue: String(number), locationType: 'ROW' } };
}

/**
 * The one read of a cycle: the whole tab (unformatted, dates as serial numbers) and, in the same
 * request, where each tracked ticket's row metadata is now — one data filter per ticket.
 */
export async function readSheet(api: GoogleApi, tracked: number[]): Promise<SheetRead> {
  const { config } = api;
  const answer = await api.call((signal) =>
    api.sheets.spreadsheets.values.batchGetByDataFilter(
      {
        spreadsheetId: config.spreadsheetId,
        requestBody: {
          dataFilters: [{ a1Range: quotedTab(config.tab) }, ...tracked.map(metadataLookup)],
          valueRenderOption: 'UNFORMATTED_VALUE',
          dateTimeRenderOption: 'SERIAL_NUMBER',
          majorDimension: 'ROWS',
        },
      },
      { signal },
    ),
  );
  const anchors = new Map<number, number>();
  let grid: Cell[][] = [];
  for (const matched of answer.valueRanges ?? []) {
    const filter = matched.dataFilters?.[0];
    const value = filter?.developerMetadataLookup?.metadataValue;
    if (filter?.a1Range !== undefined && filter.a1Range !== null) grid = (matched.valueRange?.values ?? []) as Cell[][];
    else if (value) anchors.set(Number(value), firstRowIndex(matched.valueRange?.range ?? ''));
  }
  return { grid, anchors };
}

function firstRowIndex(a1: string): number {
  const row = /!\$?[A-Z]*\$?(\d+)/.exec(a1)?.[1];
  if (!row) throw new Error(`unexpected range in the answer: ${a1}`);
  return Number(row) - 1;
}

export interface LocatedRow {
  rowIndex: number;
  values: RowValues;
  /** The metadata is not on this row (a sort or a cut and paste moved the cells without it). */
  reanchor: boolean;
  /** The key cell no longer shows the ticket's number (typed over or cleared): Escala writes it back. */
  restoreKey: boolean;
}

export interface Reconciled {
  located: Map<number, LocatedRow>;
  /** Tracked tickets whose row is gone (no metadata, no row with their number). */
  missing: number[];
  /** Rows with a key that no tracked ticket claims (a pasted copy, a row typed in, a row to link). */
  untracked: Array<{ rowIndex: number; key: string; values: RowValues }>;
}

/**
 * Which row is whose. Metadata says where a ticket's row is; the key column says what the row
 * shows. They agree unless people moved cells without the row (sort, cut and paste) or typed over
 * the key. A key alone never takes a row whose metadata belongs to a ticket it agrees with, so a
 * typed-over key cannot hijack another ticket's row.
 */
export function reconcile(read: SheetRead, layout: Layout, headerRow: number, tracked: number[]): Reconciled {
  const keyColumn = layout.columns.number!;
  const first = headerRow; // 0-based index of the first data row
  const keyAt = (rowIndex: number) => normalise(String(read.grid[rowIndex]?.[keyColumn] ?? ''));
  const valuesAt = (rowIndex: number) => rowValues(read.grid[rowIndex], layout);

  const agreed = new Set<number>();
  for (const number of tracked) {
    const anchor = read.anchors.get(number);
    if (anchor !== undefined && keyAt(anchor) === String(number)) agreed.add(anchor);
  }
  const rowsByKey = new Map<string, number[]>();
  for (let rowIndex = first; rowIndex < read.grid.length; rowIndex += 1) {
    const key = keyAt(rowIndex);
    if (key) rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), rowIndex]);
  }

  const located = new Map<number, LocatedRow>();
  const missing: number[] = [];
  const taken = new Set<number>();
  for (const number of tracked) {
    const anchor = read.anchors.get(number);
    if (anchor !== undefined && agreed.has(anchor) && keyAt(anchor) === String(number)) {
      located.set(number, { rowIndex: anchor, values: valuesAt(anchor), reanchor: false, restoreKey: false });
      taken.add(anchor);
      continue;
    }
    const candidates = (rowsByKey.get(String(number)) ?? []).filter((row) => !agreed.has(row) && !taken.has(row));
    if (candidates.length === 1) {
      located.set(number, {
        rowIndex: candidates[0]!,
        values: valuesAt(candidates[0]!),
        reanchor: true,
        restoreKey: false,
      });
      taken.add(candidates[0]!);
    } else if (anchor !== undefined) {
      located.set(number, { rowIndex: anchor, values: valuesAt(anchor), reanchor: false, restoreKey: true });
      taken.add(anchor);
    } else missing.push(number);
  }

  const untracked: Reconciled['untracked'] = [];
  for (const [key, rows] of rowsByKey)
    for (const rowIndex of rows)
      if (!taken.has(rowIndex)) untracked.push({ rowIndex, key, values: valuesAt(rowIndex) });
  untracked.sort((a, b) => a.rowIndex - b.rowIndex);
  return { located, missing, untracked };
}
