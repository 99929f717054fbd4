import { A1ParseError, formatA1, parseA1 } from './a1-notation.js';
import {
  parseInput,
  renderCell,
  type CellValue,
  type DateTimeRenderOption,
  type ValueRenderOption,
} from './cell-value.js';
import { googleErrors } from './google-errors.js';
import { bounded, cellAt, writeCells } from './grid-operations.js';
import type { GridRange, Role, SheetState, SpreadsheetState } from './spreadsheet-state.js';

/** Who a bearer token authenticates: a Google account and the Cloud project of its client. */
export interface Caller {
  email: string;
  project: string;
}

/** Whoever changes a spreadsheet: Drive names the last one. */
export interface Editor {
  email: string;
  displayName?: string;
}

export interface Rect {
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
}

export interface ResolvedRange {
  sheet: SheetState;
  rect: Rect;
  /** The bounded range as responses name it. */
  a1: string;
}

export interface NewSpreadsheet {
  spreadsheetId?: string;
  title?: string;
  /** `pt_BR` unless told. */
  locale?: string;
  /** `America/Sao_Paulo` unless told. */
  timeZone?: string;
  sheets?: Array<{ title: string; rowCount?: number; columnCount?: number; rows?: Array<Array<CellValue | null>> }>;
  /** E-mail → role; the emulator's configured callers are writers unless listed. */
  access?: Record<string, Role>;
}

/**
 * All spreadsheets of one emulator. Every change goes through `mutate`, which works on a copy and
 * commits only if nothing threw — that is what makes a batchUpdate atomic — and moves the Drive
 * version.
 */
export class SpreadsheetStore {
  private readonly spreadsheets = new Map<string, SpreadsheetState>();
  private created = 0;

  constructor(private readonly defaultAccess: Record<string, Role>) {}

  create(spec: NewSpreadsheet): SpreadsheetState {
    this.created += 1;
    const spreadsheetId = spec.spreadsheetId ?? `emulated-spreadsheet-${this.created}`;
    if (this.spreadsheets.has(spreadsheetId)) throw new Error(`spreadsheet ${spreadsheetId} already exists`);
    const now = new Date();
    const locale = spec.locale ?? 'pt_BR';
    const state: SpreadsheetState = {
      spreadsheetId,
      title: spec.title ?? 'Planilha sem título',
      locale,
      timeZone: spec.timeZone ?? 'America/Sao_Paulo',
      sheets: (spec.sheets ?? [{ title: locale.startsWith('pt') ? 'Página1' : 'Sheet1' }]).map((sheet, index) => ({
        sheetId: index === 0 ? 0 : 1_000_000 + index,
        title: sheet.title,
        index,
        rowCount: sheet.rowCount ?? 1000,
        columnCount: sheet.columnCount ?? 26,
        rows: [],
      })),
      developerMetadata: [],
      protectedRanges: [],
      access: { ...this.defaultAccess, ...spec.access },
      version: 1,
      modifiedTime: now,
      createdTime: now,
      lastModifyingUser: { email: 'owner@escala.test', displayName: 'Dono da planilha' },
      nextId: 1,
    };
    spec.sheets?.forEach((sheet, index) => {
      const target = state.sheets[index]!;
      writeCells(
        target,
        0,
        0,
        (sheet.rows ?? []).map((row) => row.map((value) => parseInput(value, 'USER_ENTERED', locale))),
      );
    });
    this.spreadsheets.set(spreadsheetId, state);
    return state;
  }

  /** The current state, for reading. Tests must not change it: use `mutate` or the person API. */
  peek(spreadsheetId: string): SpreadsheetState {
    const state = this.spreadsheets.get(spreadsheetId);
    if (!state) throw googleErrors.spreadsheetNotFound();
    return state;
  }

  has(spreadsheetId: string): boolean {
    return this.spreadsheets.has(spreadsheetId);
  }

  /** Opens a spreadsheet for a caller, refusing like Sheets: 404 unknown, 403 no (write) access. */
  open(spreadsheetId: string, caller: Caller, need: 'read' | 'write'): SpreadsheetState {
    const state = this.peek(spreadsheetId);
    const role = state.access[caller.email];
    if (!role || (need === 'write' && role === 'reader')) throw googleErrors.permissionDenied();
    return state;
  }

  /** Applies a change made by `editor` (an API caller or a person), who becomes Drive's `lastModifyingUser`. */
  mutate<T>(spreadsheetId: string, editor: Editor, apply: (draft: SpreadsheetState) => T): T {
    const draft = structuredClone(this.peek(spreadsheetId));
    const result = apply(draft);
    draft.version += 1;
    draft.modifiedTime = new Date();
    draft.lastModifyingUser = { email: editor.email, displayName: editor.displayName ?? editor.email };
    this.spreadsheets.set(spreadsheetId, draft);
    return result;
  }
}

export function sheetById(state: SpreadsheetState, sheetId: number): SheetState {
  const sheet = state.sheets.find((candidate) => candidate.sheetId === sheetId);
  if (!sheet) throw googleErrors.badRequest(`Invalid requests: No grid with id: ${sheetId}`);
  return sheet;
}

/** A1 text → sheet and bounded rectangle, refusing unparsable ranges and ranges outside the grid. */
export function resolveA1(state: SpreadsheetState, text: string): ResolvedRange {
  let parsed;
  try {
    parsed = parseA1(
      text,
      state.sheets.map((sheet) => sheet.title),
    );
  } catch (error) {
    if (error instanceof A1ParseError) throw googleErrors.unableToParseRange(text);
    throw error;
  }
  const sheet =
    parsed.sheetTitle === undefined
      ? [...state.sheets].sort((a, b) => a.index - b.index)[0]
      : state.sheets.find((candidate) => candidate.title === parsed.sheetTitle);
  if (!sheet) throw googleErrors.unableToParseRange(text);
  return resolveGrid(sheet, {
    startRowIndex: parsed.startRow,
    endRowIndex: parsed.endRow,
    startColumnIndex: parsed.startColumn,
    endColumnIndex: parsed.endColumn,
  });
}

export function resolveGrid(sheet: SheetState, range: Omit<GridRange, 'sheetId'>): ResolvedRange {
  const rect = bounded(sheet, range);
  if (rect.endRow > sheet.rowCount || rect.endColumn > sheet.columnCount) {
    const a1 = formatA1(sheet.title, rect);
    throw googleErrors.badRequest(
      `Range (${a1}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
    );
  }
  return { sheet, rect, a1: formatA1(sheet.title, rect) };
}

/** Refuses a change touching a protected range the caller may not edit (owners always may). */
export function assertCanEdit(state: SpreadsheetState, caller: Caller, sheet: SheetState, rect: Rect): void {
  if (state.access[caller.email] === 'owner') return;
  for (const protectedRange of state.protectedRanges) {
    if (protectedRange.range.sheetId !== sheet.sheetId || protectedRange.warningOnly) continue;
    if (protectedRange.editors.includes(caller.email)) continue;
    const p = bounded(sheet, protectedRange.range);
    const overlaps =
      p.startRow < rect.endRow &&
      rect.startRow < p.endRow &&
      p.startColumn < rect.endColumn &&
      rect.startColumn < p.endColumn;
    if (overlaps) throw googleErrors.protectedCell();
  }
}

export interface RenderOptions {
  valueRenderOption: ValueRenderOption;
  dateTimeRenderOption: DateTimeRenderOption;
  majorDimension: 'ROWS' | 'COLUMNS';
}

/**
 * The `values` of a ValueRange as Sheets returns them: trailing empty cells of each row and trailing
 * empty rows are left out (ragged rows), and an empty range has no `values` at all.
 */
export function renderValues(
  state: SpreadsheetState,
  { sheet, rect }: ResolvedRange,
  options: RenderOptions,
): CellValue[][] | undefined {
  const grid: Array<Array<CellValue | ''>> = [];
  for (let row = rect.startRow; row < rect.endRow; row++) {
    const line: Array<CellValue | ''> = [];
    for (let column = rect.startColumn; column < rect.endColumn; column++) {
      const cell = cellAt(sheet, row, column);
      line.push(cell ? renderCell(cell, options.valueRenderOption, options.dateTimeRenderOption, state.locale) : '');
    }
    grid.push(line);
  }
  const major = options.majorDimension === 'COLUMNS' ? transpose(grid, rect.endColumn - rect.startColumn) : grid;
  const trimmed = major.map((line) => {
    let end = line.length;
    while (end > 0 && line[end - 1] === '') end--;
    return line.slice(0, end);
  });
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.length === 0) trimmed.pop();
  return trimmed.length > 0 ? trimmed : undefined;
}

function transpose<T>(grid: T[][], width: number): T[][] {
  return Array.from({ length: width }, (_, column) => grid.map((line) => line[column]!));
}
