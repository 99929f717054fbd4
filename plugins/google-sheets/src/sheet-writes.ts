import type { sheets_v4 } from '@googleapis/sheets';
import type { SheetField } from './google-sheets.config.js';
import type { Layout, RowValues } from './sheet-cells.js';
import { METADATA_KEY, metadataLookup } from './sheet-read.js';

type Request = sheets_v4.Schema$Request;

/**
 * A cell as `updateCells` writes it: a string value is always text (never a formula, whatever it
 * starts with), the ticket number a number so people can sort by it; '' clears the cell.
 */
function cellData(field: SheetField, value: string): sheets_v4.Schema$CellData {
  if (value === '') return {};
  if (field === 'number' && /^\d+$/.test(value)) return { userEnteredValue: { numberValue: Number(value) } };
  return { userEnteredValue: { stringValue: value } };
}

/** One `updateCells` per contiguous run of columns, so cells of people's own columns are never touched. */
export function updateRowCells(sheetId: number, rowIndex: number, values: RowValues, layout: Layout): Request[] {
  const cells = (Object.entries(values) as Array<[SheetField, string]>)
    .map(([field, value]) => ({ column: layout.columns[field], field, value }))
    .filter((cell): cell is { column: number; field: SheetField; value: string } => cell.column !== undefined)
    .sort((a, b) => a.column - b.column);
  const requests: Request[] = [];
  for (let i = 0; i < cells.length;) {
    let j = i + 1;
    while (j < cells.length && cells[j]!.column === cells[j - 1]!.column + 1) j += 1;
    requests.push({
      updateCells: {
        start: { sheetId, rowIndex, columnIndex: cells[i]!.column },
        rows: [{ values: cells.slice(i, j).map((cell) => cellData(cell.field, cell.value)) }],
        fields: 'userEnteredValue',
      },
    });
    i = j;
  }
  return requests;
}

export function anchorRow(sheetId: number, rowIndex: number, number: number): Request {
  return {
    createDeveloperMetadata: {
      developerMetadata: {
        metadataKey: METADATA_KEY,
        metadataValue: String(number),
        location: { dimensionRange: { sheetId, dimension: 'ROWS', startIndex: rowIndex, endIndex: rowIndex + 1 } },
        visibility: 'PROJECT',
      },
    },
  };
}

/** Moves a ticket's metadata to the row that now shows it (after a sort or a cut and paste). */
export function reanchorRow(sheetId: number, rowIndex: number, number: number): Request[] {
  return [{ deleteDeveloperMetadata: { dataFilter: metadataLookup(number) } }, anchorRow(sheetId, rowIndex, number)];
}

/**
 * A new row right under the header, its cells and its metadata: applied atomically by one
 * `spreadsheets.batchUpdate`, so the row never exists without the metadata that finds it. Rows go
 * on top because that index is known without a read; rows below move down with their metadata.
 */
export function insertRow(sheetId: number, headerRow: number, number: number, values: RowValues, layout: Layout) {
  const rowIndex = headerRow;
  return [
    {
      insertDimension: {
        range: { sheetId, dimension: 'ROWS', startIndex: rowIndex, endIndex: rowIndex + 1 },
        inheritFromBefore: false,
      },
    },
    ...updateRowCells(sheetId, rowIndex, values, layout),
    anchorRow(sheetId, rowIndex, number),
  ] satisfies Request[];
}

/** Values of Escala's columns for a row located by its metadata: `null` leaves a cell alone. */
export function rowByMetadata(number: number, values: RowValues, layout: Layout) {
  const cells: Array<string | null> = new Array(layout.width).fill(null);
  for (const [field, value] of Object.entries(values) as Array<[SheetField, string]>) {
    const column = layout.columns[field];
    if (column !== undefined) cells[column] = value;
  }
  return { dataFilter: metadataLookup(number), majorDimension: 'ROWS', values: [cells] };
}
