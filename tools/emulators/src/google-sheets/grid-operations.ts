import type { Cell, CellWrite } from './cell-value.js';
import type { GridRange, SheetState, SpreadsheetState } from './spreadsheet-state.js';

/**
 * Row operations shared by the API and by tests acting as a person. Row developer metadata and
 * protected ranges follow the rows the way Sheets documents it: they move with inserts, deletes and
 * row moves, shrink with partial deletes, and vanish with their rows.
 */

export function cellAt(sheet: SheetState, row: number, column: number): Cell | undefined {
  return sheet.rows[row]?.[column];
}

export function insertRows(state: SpreadsheetState, sheet: SheetState, at: number, count: number): void {
  if (at < sheet.rows.length) sheet.rows.splice(at, 0, ...new Array<undefined>(count).fill(undefined));
  sheet.rowCount += count;
  remapRowRanges(state, sheet.sheetId, (start, end) => ({
    start: start >= at ? start + count : start,
    end: end > at ? end + count : end,
  }));
}

export function deleteRows(state: SpreadsheetState, sheet: SheetState, start: number, end: number): void {
  const removed = end - start;
  sheet.rows.splice(start, removed);
  sheet.rowCount -= removed;
  const map = (index: number) => (index < start ? index : index >= end ? index - removed : start);
  remapRowRanges(state, sheet.sheetId, (from, to) => ({
    start: map(from),
    end: to <= start ? to : map(Math.max(to, end)),
  }));
}

/**
 * Rows `[start, end)` dragged before `destination` (the row index before the move, as in
 * moveDimension). Row objects move, so their metadata moves with them.
 */
export function moveRows(
  state: SpreadsheetState,
  sheet: SheetState,
  start: number,
  end: number,
  destination: number,
): void {
  const order = rowIndexes(sheet, Math.max(end, destination));
  const moved = order.splice(start, end - start);
  order.splice(destination > start ? destination - moved.length : destination, 0, ...moved);
  permuteRows(state, sheet, order, true);
}

/**
 * Applies a new row order: `order[newIndex] = oldIndex`. Cell contents always follow; row metadata
 * only when `metadataFollows` (row moves yes; sorting is undocumented and switchable).
 */
export function permuteRows(
  state: SpreadsheetState,
  sheet: SheetState,
  order: number[],
  metadataFollows: boolean,
): void {
  const rows = order.map((oldIndex) => sheet.rows[oldIndex]);
  rows.forEach((row, index) => (sheet.rows[index] = row));
  if (!metadataFollows) return;
  const newIndexOf = new Map(order.map((oldIndex, newIndex) => [oldIndex, newIndex]));
  for (const metadata of state.developerMetadata) {
    const location = metadata.location;
    if (location.kind !== 'rows' || location.sheetId !== sheet.sheetId) continue;
    const targets = [];
    for (let row = location.startIndex; row < location.endIndex; row++) targets.push(newIndexOf.get(row) ?? row);
    targets.sort((a, b) => a - b);
    const first = targets[0] ?? location.startIndex;
    if (targets.every((target, offset) => target === first + offset)) {
      location.startIndex = first;
      location.endIndex = first + targets.length;
    }
  }
}

export function rowIndexes(sheet: SheetState, atLeast: number): number[] {
  return Array.from({ length: Math.max(sheet.rows.length, atLeast) }, (_, index) => index);
}

export function writeCells(sheet: SheetState, startRow: number, startColumn: number, writes: CellWrite[][]): void {
  writes.forEach((rowWrites, rowOffset) => {
    rowWrites.forEach((write, columnOffset) => {
      if (write === 'skip') return;
      const rowIndex = startRow + rowOffset;
      const row = (sheet.rows[rowIndex] ??= []);
      row[startColumn + columnOffset] = write === 'clear' ? undefined : write;
    });
  });
}

/** Index of the last row holding any value in columns `[startColumn, endColumn)`, or -1. */
export function lastRowWithData(sheet: SheetState, startColumn: number, endColumn: number): number {
  for (let row = sheet.rows.length - 1; row >= 0; row--) {
    const cells = sheet.rows[row];
    if (cells?.slice(startColumn, endColumn).some((cell) => cell !== undefined)) return row;
  }
  return -1;
}

export function bounded(sheet: SheetState, range: Omit<GridRange, 'sheetId'>) {
  return {
    startRow: range.startRowIndex ?? 0,
    endRow: range.endRowIndex ?? sheet.rowCount,
    startColumn: range.startColumnIndex ?? 0,
    endColumn: range.endColumnIndex ?? sheet.columnCount,
  };
}

function remapRowRanges(
  state: SpreadsheetState,
  sheetId: number,
  map: (start: number, end: number) => { start: number; end: number },
): void {
  state.developerMetadata = state.developerMetadata.filter((metadata) => {
    const location = metadata.location;
    if (location.kind !== 'rows' || location.sheetId !== sheetId) return true;
    const { start, end } = map(location.startIndex, location.endIndex);
    location.startIndex = start;
    location.endIndex = end;
    return end > start;
  });
  state.protectedRanges = state.protectedRanges.filter(({ range }) => {
    if (range.sheetId !== sheetId) return true;
    const { start, end } = map(range.startRowIndex ?? 0, range.endRowIndex ?? Number.MAX_SAFE_INTEGER);
    if (range.startRowIndex !== undefined) range.startRowIndex = start;
    if (range.endRowIndex !== undefined) range.endRowIndex = end;
    return end > start;
  });
}
