import type { Cell, CellWrite } from './cell-value.js';
import { evaluateFormula } from './cell-value.js';
import { matchMetadata, metadataResource, parseLocation } from './developer-metadata.js';
import { googleErrors } from './google-errors.js';
import {
  bounded,
  deleteRows,
  insertRows,
  lastRowWithData,
  moveRows,
  permuteRows,
  writeCells,
} from './grid-operations.js';
import type { SheetsRequest } from './request-schemas.js';
import { assertCanEdit, resolveGrid, sheetById, type Caller } from './spreadsheet-store.js';
import type { ProtectedRangeState, SheetState, SpreadsheetState } from './spreadsheet-state.js';

type Reply = Record<string, unknown>;

interface Applier {
  draft: SpreadsheetState;
  caller: Caller;
  /** `requests[i].kind`, for error messages. */
  where: string;
  metadataFollowsSort: boolean;
}

/** One request of a spreadsheets.batchUpdate, applied to the draft; returns its reply. */
export function applyRequest(request: SheetsRequest, applier: Omit<Applier, 'where'> & { index: number }): Reply {
  const [kind, payload] = Object.entries(request)[0]!;
  const context: Applier = { ...applier, where: `requests[${applier.index}].${kind}` };
  const handler = HANDLERS[kind as keyof SheetsRequest] as (payload: unknown, context: Applier) => Reply;
  return handler(payload, context);
}

type Handlers = { [K in keyof SheetsRequest]-?: (payload: NonNullable<SheetsRequest[K]>, context: Applier) => Reply };

const HANDLERS: Handlers = {
  insertDimension({ range }, { draft, where }) {
    const { sheet, start, end } = rowSpan(draft, range, where);
    if (start > sheet.rowCount)
      throw invalid(where, `startIndex ${start} is past the end of the grid (${sheet.rowCount} rows)`);
    insertRows(draft, sheet, start, end - start);
    return {};
  },

  deleteDimension({ range }, { draft, caller, where }) {
    const { sheet, start, end } = rowSpan(draft, range, where);
    if (end > sheet.rowCount)
      throw invalid(
        where,
        `Cannot delete a row that doesn't exist. Tried to delete row index ${end - 1} but there are only ${sheet.rowCount} rows.`,
      );
    if (start === 0 && end >= sheet.rowCount) throw invalid(where, "You can't delete all the rows on the sheet.");
    assertCanEdit(draft, caller, sheet, { startRow: start, endRow: end, startColumn: 0, endColumn: sheet.columnCount });
    deleteRows(draft, sheet, start, end);
    return {};
  },

  moveDimension({ source, destinationIndex }, { draft, caller, where }) {
    const { sheet, start, end } = rowSpan(draft, source, where);
    assertCanEdit(draft, caller, sheet, { startRow: start, endRow: end, startColumn: 0, endColumn: sheet.columnCount });
    moveRows(draft, sheet, start, end, destinationIndex);
    return {};
  },

  updateCells({ rows, fields, start, range }, { draft, caller, where }) {
    checkCellFields(fields, where);
    const sheet = sheetById(draft, start?.sheetId ?? range!.sheetId);
    const origin = start ? { row: start.rowIndex, column: start.columnIndex } : undefined;
    const target = origin
      ? {
          startRow: origin.row,
          endRow: origin.row + rows.length,
          startColumn: origin.column,
          endColumn: origin.column + Math.max(1, ...rows.map((row) => row.values?.length ?? 0)),
        }
      : bounded(sheet, range!);
    resolveGrid(sheet, {
      startRowIndex: target.startRow,
      endRowIndex: target.endRow,
      startColumnIndex: target.startColumn,
      endColumnIndex: target.endColumn,
    });
    if (!origin && rows.length > target.endRow - target.startRow)
      throw invalid(where, 'more rows than the range holds');
    assertCanEdit(draft, caller, sheet, target);
    // With a range, cells of the range that the rows do not mention are cleared (the field mask applies to all of them).
    const height = origin ? rows.length : target.endRow - target.startRow;
    const width = target.endColumn - target.startColumn;
    const writes: CellWrite[][] = Array.from({ length: height }, (_, rowOffset) =>
      Array.from({ length: width }, (_, columnOffset) => {
        const row = rows[rowOffset];
        if (origin && (row?.values?.length ?? 0) <= columnOffset) return 'skip';
        const value = row?.values?.[columnOffset]?.userEnteredValue;
        return value ? extendedValueCell(value) : 'clear';
      }),
    );
    writeCells(sheet, target.startRow, target.startColumn, writes);
    return {};
  },

  appendCells({ sheetId, rows, fields }, { draft, caller, where }) {
    checkCellFields(fields, where);
    const sheet = sheetById(draft, sheetId);
    const at = lastRowWithData(sheet, 0, sheet.columnCount) + 1;
    const width = Math.max(1, ...rows.map((row) => row.values?.length ?? 0));
    if (at + rows.length > sheet.rowCount) sheet.rowCount = at + rows.length;
    if (width > sheet.columnCount) sheet.columnCount = width;
    assertCanEdit(draft, caller, sheet, { startRow: at, endRow: at + rows.length, startColumn: 0, endColumn: width });
    writeCells(
      sheet,
      at,
      0,
      rows.map((row) =>
        (row.values ?? []).map((cell) => (cell.userEnteredValue ? extendedValueCell(cell.userEnteredValue) : 'clear')),
      ),
    );
    return {};
  },

  createDeveloperMetadata({ developerMetadata }, { draft, caller, where }) {
    const location = parseLocation(developerMetadata.location);
    if (location.kind !== 'spreadsheet') {
      const sheet = sheetById(draft, location.sheetId);
      if (location.kind === 'rows' && location.endIndex > sheet.rowCount)
        throw invalid(
          where,
          `dimensionRange endIndex ${location.endIndex} is past the end of the grid (${sheet.rowCount} rows)`,
        );
    }
    const metadataId = developerMetadata.metadataId ?? nextId(draft);
    if (draft.developerMetadata.some((existing) => existing.metadataId === metadataId))
      throw invalid(where, `Developer metadata with ID ${metadataId} already exists.`);
    const created = {
      metadataId,
      metadataKey: developerMetadata.metadataKey,
      metadataValue: developerMetadata.metadataValue,
      visibility: developerMetadata.visibility,
      location,
      project: caller.project,
    };
    draft.developerMetadata.push(created);
    return { createDeveloperMetadata: { developerMetadata: metadataResource(created) } };
  },

  deleteDeveloperMetadata({ dataFilter }, { draft, caller }) {
    const deleted = matchMetadata(draft, caller, dataFilter);
    draft.developerMetadata = draft.developerMetadata.filter((metadata) => !deleted.includes(metadata));
    return { deleteDeveloperMetadata: { deletedDeveloperMetadata: deleted.map(metadataResource) } };
  },

  addProtectedRange({ protectedRange }, { draft, caller, where }) {
    const { sheetId, ...bounds } = protectedRange.range;
    resolveGrid(sheetById(draft, sheetId), bounds);
    const protectedRangeId = protectedRange.protectedRangeId ?? nextId(draft);
    if (draft.protectedRanges.some((existing) => existing.protectedRangeId === protectedRangeId))
      throw invalid(where, `A protected range with ID ${protectedRangeId} already exists.`);
    if (protectedRange.editors?.groups?.length) throw invalid(where, 'Google emulator: group editors are not emulated');
    const created: ProtectedRangeState = {
      protectedRangeId,
      range: protectedRange.range,
      description: protectedRange.description,
      warningOnly: protectedRange.warningOnly ?? false,
      editors: protectedRange.warningOnly ? [] : [...new Set([caller.email, ...(protectedRange.editors?.users ?? [])])],
    };
    draft.protectedRanges.push(created);
    return { addProtectedRange: { protectedRange: protectedRangeResource(created) } };
  },

  deleteProtectedRange({ protectedRangeId }, { draft, caller, where }) {
    const existing = draft.protectedRanges.find((candidate) => candidate.protectedRangeId === protectedRangeId);
    if (!existing) throw invalid(where, `No protected range with id: ${protectedRangeId}`);
    if (!canEditProtection(draft, caller, existing)) throw googleErrors.protectedCell();
    draft.protectedRanges = draft.protectedRanges.filter((candidate) => candidate !== existing);
    return {};
  },

  sortRange({ range, sortSpecs }, { draft, caller, metadataFollowsSort }) {
    const { sheetId, ...bounds } = range;
    const { sheet, rect } = resolveGrid(sheetById(draft, sheetId), bounds);
    assertCanEdit(draft, caller, sheet, rect);
    sortRows(
      draft,
      sheet,
      rect,
      sortSpecs,
      metadataFollowsSort && bounds.startColumnIndex === undefined && bounds.endColumnIndex === undefined,
    );
    return {};
  },
};

export function sortRows(
  draft: SpreadsheetState,
  sheet: SheetState,
  rect: { startRow: number; endRow: number; startColumn: number; endColumn: number },
  specs: Array<{ dimensionIndex: number; sortOrder: 'ASCENDING' | 'DESCENDING' }>,
  metadataFollows: boolean,
): void {
  const oldIndexes = Array.from({ length: rect.endRow - rect.startRow }, (_, offset) => rect.startRow + offset);
  const sorted = [...oldIndexes].sort((a, b) => {
    for (const spec of specs) {
      const order = compareCells(
        sheet.rows[a]?.[spec.dimensionIndex],
        sheet.rows[b]?.[spec.dimensionIndex],
        spec.sortOrder,
      );
      if (order !== 0) return order;
    }
    return a - b;
  });
  if (rect.startColumn === 0 && rect.endColumn >= sheet.columnCount) {
    const order = Array.from({ length: Math.max(sheet.rows.length, rect.endRow) }, (_, index) => index);
    sorted.forEach((oldIndex, offset) => (order[rect.startRow + offset] = oldIndex));
    permuteRows(draft, sheet, order, metadataFollows);
    return;
  }
  const slices = sorted.map((oldIndex) => sheet.rows[oldIndex]?.slice(rect.startColumn, rect.endColumn) ?? []);
  slices.forEach((slice, offset) => {
    const row = (sheet.rows[rect.startRow + offset] ??= []);
    for (let column = rect.startColumn; column < rect.endColumn; column++)
      row[column] = slice[column - rect.startColumn];
  });
}

/** Blanks always sort last; then numbers, text (case-insensitive), booleans. */
function compareCells(a: Cell | undefined, b: Cell | undefined, order: 'ASCENDING' | 'DESCENDING'): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  const rank = (cell: Cell) => (typeof cell.effective === 'number' ? 0 : typeof cell.effective === 'string' ? 1 : 2);
  let result = rank(a) - rank(b);
  if (result === 0) {
    const [x, y] = [a.effective, b.effective];
    result =
      typeof x === 'string' && typeof y === 'string'
        ? x.localeCompare(y, undefined, { sensitivity: 'base' })
        : Number(x) - Number(y);
  }
  return order === 'ASCENDING' ? result : -result;
}

export function protectedRangeResource(range: ProtectedRangeState) {
  return {
    protectedRangeId: range.protectedRangeId,
    range: range.range,
    ...(range.description === undefined ? {} : { description: range.description }),
    ...(range.warningOnly ? { warningOnly: true } : { editors: { users: range.editors } }),
    requestingUserCanEdit: true,
  };
}

function canEditProtection(state: SpreadsheetState, caller: Caller, range: ProtectedRangeState): boolean {
  return state.access[caller.email] === 'owner' || range.warningOnly || range.editors.includes(caller.email);
}

function rowSpan(
  draft: SpreadsheetState,
  range: { sheetId: number; dimension: 'ROWS' | 'COLUMNS'; startIndex?: number; endIndex?: number },
  where: string,
) {
  if (range.dimension !== 'ROWS') throw invalid(where, 'Google emulator: only ROWS dimension operations are emulated');
  const sheet = sheetById(draft, range.sheetId);
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? sheet.rowCount;
  if (end <= start) throw invalid(where, `endIndex (${end}) must be greater than startIndex (${start})`);
  return { sheet, start, end };
}

function checkCellFields(fields: string, where: string): void {
  if (fields !== 'userEnteredValue' && fields !== '*')
    throw invalid(where, `Google emulator: fields "${fields}" not emulated (use userEnteredValue or *)`);
}

function extendedValueCell(value: {
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  formulaValue?: string;
}): Cell {
  if (value.formulaValue !== undefined) {
    if (!value.formulaValue.startsWith('=')) return { entered: value.formulaValue, effective: value.formulaValue };
    return { entered: value.formulaValue, formula: true, effective: evaluateFormula(value.formulaValue.slice(1)) };
  }
  const literal = value.stringValue ?? value.numberValue ?? value.boolValue!;
  return { entered: literal, effective: literal };
}

function nextId(draft: SpreadsheetState): number {
  const used = new Set([
    ...draft.developerMetadata.map((metadata) => metadata.metadataId),
    ...draft.protectedRanges.map((range) => range.protectedRangeId),
  ]);
  while (used.has(draft.nextId)) draft.nextId += 1;
  return draft.nextId++;
}

function invalid(where: string, message: string) {
  return googleErrors.badRequest(`Invalid ${where}: ${message}`);
}
