import type { Route, RouteRequest } from '../http/emulator-server.js';
import { columnLetters, formatA1 } from './a1-notation.js';
import { parseInput, type CellWrite, type CellValue, type ValueInputOption } from './cell-value.js';
import { dataFilterRanges } from './developer-metadata.js';
import { googleErrors } from './google-errors.js';
import { insertRows, writeCells } from './grid-operations.js';
import {
  batchGetByDataFilterSchema,
  batchUpdateByDataFilterSchema,
  parseBody,
  valueRangeSchema,
  valuesBatchUpdateSchema,
} from './request-schemas.js';
import { checkQuery, queryEnum, queryFlag, type SheetsContext } from './sheets-context.js';
import {
  assertCanEdit,
  renderValues,
  resolveA1,
  resolveGrid,
  type Caller,
  type RenderOptions,
  type ResolvedRange,
} from './spreadsheet-store.js';
import type { SpreadsheetState } from './spreadsheet-state.js';

const BASE = '^/v4/spreadsheets/(?<id>[^/:]+)';
const RENDER_PARAMETERS = ['majorDimension', 'valueRenderOption', 'dateTimeRenderOption'];
const WRITE_PARAMETERS = [
  'valueInputOption',
  'includeValuesInResponse',
  'responseValueRenderOption',
  'responseDateTimeRenderOption',
];

/** spreadsheets.values.*: get, batchGet, update, batchUpdate, append, clear and the by-data-filter pair. */
export function valuesRoutes(context: SheetsContext): Route[] {
  const { store } = context;
  const reader = (request: RouteRequest) => {
    const caller = context.authenticate(request);
    return { caller, state: store.open(request.params.id!, caller, 'read') };
  };
  const writer = (request: RouteRequest) => {
    const caller = context.authenticate(request);
    store.open(request.params.id!, caller, 'write');
    return caller;
  };

  return [
    {
      method: 'GET',
      path: new RegExp(`${BASE}/values:batchGet$`),
      handle(request) {
        checkQuery(request, ['ranges', ...RENDER_PARAMETERS]);
        const { state } = reader(request);
        const options = renderOptions(request);
        const valueRanges = request.query
          .getAll('ranges')
          .map((range) => valueRange(state, resolveA1(state, range), options));
        return { body: { spreadsheetId: state.spreadsheetId, ...(valueRanges.length ? { valueRanges } : {}) } };
      },
    },
    {
      method: 'GET',
      path: new RegExp(`${BASE}/values/(?<range>[^/]+)$`),
      handle(request) {
        checkQuery(request, RENDER_PARAMETERS);
        const { state } = reader(request);
        return { body: valueRange(state, resolveA1(state, request.params.range!), renderOptions(request)) };
      },
    },
    {
      method: 'PUT',
      path: new RegExp(`${BASE}/values/(?<range>[^/]+)$`),
      handle(request) {
        checkQuery(request, WRITE_PARAMETERS);
        const caller = writer(request);
        const input = inputOption(request);
        const body = parseBody(valueRangeSchema, request.body);
        const range = request.params.range!;
        return {
          body: store.mutate(request.params.id!, caller, (draft) => {
            if (body.range !== undefined && resolveA1(draft, body.range).a1 !== resolveA1(draft, range).a1)
              throw googleErrors.badRequest(
                `Requested writing within range [${range}], but tried writing to [${body.range}]`,
              );
            return {
              spreadsheetId: draft.spreadsheetId,
              ...writeValues(draft, caller, range, body.values ?? [], input, body.majorDimension),
            };
          }),
        };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`${BASE}/values:batchUpdate$`),
      handle(request) {
        checkQuery(request, []);
        const caller = writer(request);
        const body = parseBody(valuesBatchUpdateSchema, request.body);
        return {
          body: store.mutate(request.params.id!, caller, (draft) => {
            const responses = body.data.map((entry) => ({
              spreadsheetId: draft.spreadsheetId,
              ...writeValues(
                draft,
                caller,
                entry.range,
                entry.values ?? [],
                body.valueInputOption,
                entry.majorDimension,
              ),
            }));
            return { spreadsheetId: draft.spreadsheetId, ...totals(responses), responses };
          }),
        };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`${BASE}/values/(?<range>[^/]+?):append$`),
      handle(request) {
        checkQuery(request, [...WRITE_PARAMETERS, 'insertDataOption']);
        const caller = writer(request);
        const input = inputOption(request);
        const insert = queryEnum(request, 'insertDataOption', ['OVERWRITE', 'INSERT_ROWS'], 'OVERWRITE');
        const body = parseBody(valueRangeSchema, request.body);
        return {
          body: store.mutate(request.params.id!, caller, (draft) =>
            appendValues(draft, caller, request.params.range!, body.values ?? [], input, insert, body.majorDimension),
          ),
        };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`${BASE}/values/(?<range>[^/]+?):clear$`),
      handle(request) {
        checkQuery(request, []);
        const caller = writer(request);
        return {
          body: store.mutate(request.params.id!, caller, (draft) => {
            const { sheet, rect, a1 } = resolveA1(draft, request.params.range!);
            assertCanEdit(draft, caller, sheet, rect);
            const clears = Array.from({ length: rect.endRow - rect.startRow }, () =>
              new Array<CellWrite>(rect.endColumn - rect.startColumn).fill('clear'),
            );
            writeCells(sheet, rect.startRow, rect.startColumn, clears);
            return { spreadsheetId: draft.spreadsheetId, clearedRange: a1 };
          }),
        };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`${BASE}/values:batchGetByDataFilter$`),
      handle(request) {
        checkQuery(request, []);
        const { state, caller } = reader(request);
        const body = parseBody(batchGetByDataFilterSchema, request.body);
        const options: RenderOptions = {
          majorDimension: body.majorDimension ?? 'ROWS',
          valueRenderOption: body.valueRenderOption ?? 'FORMATTED_VALUE',
          dateTimeRenderOption: body.dateTimeRenderOption ?? 'SERIAL_NUMBER',
        };
        const valueRanges = body.dataFilters.flatMap((dataFilter) =>
          dataFilterRanges(state, caller, dataFilter).map((resolved) => ({
            valueRange: valueRange(state, resolved, options),
            dataFilters: [dataFilter],
          })),
        );
        return { body: { spreadsheetId: state.spreadsheetId, ...(valueRanges.length ? { valueRanges } : {}) } };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`${BASE}/values:batchUpdateByDataFilter$`),
      handle(request) {
        checkQuery(request, []);
        const caller = writer(request);
        const body = parseBody(batchUpdateByDataFilterSchema, request.body);
        return {
          body: store.mutate(request.params.id!, caller, (draft) => {
            const responses = body.data.flatMap((entry) =>
              dataFilterRanges(draft, caller, entry.dataFilter).map((resolved) => ({
                ...writeValues(draft, caller, resolved, entry.values, body.valueInputOption, entry.majorDimension),
                dataFilter: entry.dataFilter,
              })),
            );
            return { spreadsheetId: draft.spreadsheetId, ...totals(responses), responses };
          }),
        };
      },
    },
  ];
}

function renderOptions(request: RouteRequest): RenderOptions {
  return {
    majorDimension: queryEnum(request, 'majorDimension', ['ROWS', 'COLUMNS'], 'ROWS'),
    valueRenderOption: queryEnum(
      request,
      'valueRenderOption',
      ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'],
      'FORMATTED_VALUE',
    ),
    dateTimeRenderOption: queryEnum(
      request,
      'dateTimeRenderOption',
      ['SERIAL_NUMBER', 'FORMATTED_STRING'],
      'SERIAL_NUMBER',
    ),
  };
}

function inputOption(request: RouteRequest): ValueInputOption {
  if (queryFlag(request, 'includeValuesInResponse'))
    throw googleErrors.badRequest('Google emulator: includeValuesInResponse is not emulated');
  const option = queryEnum(request, 'valueInputOption', ['RAW', 'USER_ENTERED']);
  if (!option) throw googleErrors.badRequest('Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED');
  return option;
}

function valueRange(state: SpreadsheetState, resolved: ResolvedRange, options: RenderOptions) {
  const values = renderValues(state, resolved, options);
  return { range: resolved.a1, majorDimension: options.majorDimension, ...(values ? { values } : {}) };
}

type Input = Array<Array<CellValue | null>>;

/**
 * Writes a value matrix from the range's top-left corner. A range with a size (`A1:B2`) must hold
 * the data; a single cell (`A5`) is only a starting point, as in the real API.
 */
function writeValues(
  draft: SpreadsheetState,
  caller: Caller,
  range: string | ResolvedRange,
  values: Input,
  input: ValueInputOption,
  majorDimension: 'ROWS' | 'COLUMNS' = 'ROWS',
) {
  const target = typeof range === 'string' ? resolveA1(draft, range) : range;
  const startOnly = typeof range === 'string' && /(^|!)[A-Z]+\d+$/i.test(range);
  const rows = majorDimension === 'COLUMNS' ? transposeInput(values) : values;
  const { sheet, rect } = target;
  const height = rows.length;
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (!startOnly && height > rect.endRow - rect.startRow)
    throw googleErrors.badRequest(
      `Requested writing within range [${target.a1}], but tried writing to row [${rect.startRow + height}]`,
    );
  if (!startOnly && width > rect.endColumn - rect.startColumn)
    throw googleErrors.badRequest(
      `Requested writing within range [${target.a1}], but tried writing to column [${columnLetters(rect.startColumn + width - 1)}]`,
    );
  const written = resolveGrid(sheet, {
    startRowIndex: rect.startRow,
    endRowIndex: rect.startRow + Math.max(height, 1),
    startColumnIndex: rect.startColumn,
    endColumnIndex: rect.startColumn + Math.max(width, 1),
  });
  const writes = parseWrites(rows, input, draft.locale);
  assertCanEdit(draft, caller, sheet, written.rect);
  writeCells(sheet, rect.startRow, rect.startColumn, writes);
  return summary(sheet.title, rect.startRow, rect.startColumn, writes);
}

function appendValues(
  draft: SpreadsheetState,
  caller: Caller,
  range: string,
  values: Input,
  input: ValueInputOption,
  insert: 'OVERWRITE' | 'INSERT_ROWS',
  majorDimension: 'ROWS' | 'COLUMNS' = 'ROWS',
) {
  const { sheet, rect } = resolveA1(draft, range);
  const rows = majorDimension === 'COLUMNS' ? transposeInput(values) : values;
  // The "table": the first rows with data in the range's columns from its top, down to the first
  // blank row. New rows go right after it.
  const hasData = (row: number) => sheet.rows[row]?.slice(rect.startColumn, rect.endColumn).some(Boolean) ?? false;
  const firstDataRow = findFirstDataRow(sheet.rows, rect.startRow, rect.startColumn, rect.endColumn);
  let last = firstDataRow ?? rect.startRow - 1;
  while (firstDataRow !== undefined && hasData(last + 1)) last++;
  const at = last + 1;
  const height = rows.length;
  if (insert === 'INSERT_ROWS') insertRows(draft, sheet, at, height);
  else if (at + height > sheet.rowCount) sheet.rowCount = at + height;
  const width = Math.max(1, ...rows.map((row) => row.length));
  if (rect.startColumn + width > sheet.columnCount) sheet.columnCount = rect.startColumn + width;
  const writes = parseWrites(rows, input, draft.locale);
  assertCanEdit(draft, caller, sheet, {
    startRow: at,
    endRow: at + Math.max(height, 1),
    startColumn: rect.startColumn,
    endColumn: rect.startColumn + width,
  });
  writeCells(sheet, at, rect.startColumn, writes);
  const tableWidth = Math.min(rect.endColumn, sheet.columnCount) - rect.startColumn;
  return {
    spreadsheetId: draft.spreadsheetId,
    ...(firstDataRow !== undefined
      ? {
          tableRange: formatA1(sheet.title, {
            startRow: firstDataRow,
            endRow: last + 1,
            startColumn: rect.startColumn,
            endColumn: rect.startColumn + usedWidth(sheet.rows, firstDataRow, last + 1, rect.startColumn, tableWidth),
          }),
        }
      : {}),
    updates: { spreadsheetId: draft.spreadsheetId, ...summary(sheet.title, at, rect.startColumn, writes) },
  };
}

function findFirstDataRow(
  rows: SpreadsheetState['sheets'][number]['rows'],
  from: number,
  startColumn: number,
  endColumn: number,
) {
  for (let row = from; row < rows.length; row++) if (rows[row]?.slice(startColumn, endColumn).some(Boolean)) return row;
  return undefined;
}

function usedWidth(
  rows: SpreadsheetState['sheets'][number]['rows'],
  from: number,
  to: number,
  startColumn: number,
  maxWidth: number,
) {
  let width = 1;
  for (let row = from; row < to; row++)
    for (let offset = 0; offset < maxWidth; offset++)
      if (rows[row]?.[startColumn + offset]) width = Math.max(width, offset + 1);
  return width;
}

function parseWrites(rows: Input, input: ValueInputOption, locale: string): CellWrite[][] {
  return rows.map((row) => row.map((value) => parseInput(value, input, locale)));
}

/** UpdateValuesResponse counts: only cells actually written (a null skips its cell). */
function summary(title: string, startRow: number, startColumn: number, writes: CellWrite[][]) {
  const rows = new Set<number>();
  const columns = new Set<number>();
  let cells = 0;
  writes.forEach((row, rowOffset) =>
    row.forEach((write, columnOffset) => {
      if (write === 'skip') return;
      rows.add(rowOffset);
      columns.add(columnOffset);
      cells += 1;
    }),
  );
  const height = Math.max(writes.length, 1);
  const width = Math.max(1, ...writes.map((row) => row.length));
  return {
    updatedRange: formatA1(title, { startRow, endRow: startRow + height, startColumn, endColumn: startColumn + width }),
    ...(cells ? { updatedRows: rows.size, updatedColumns: columns.size, updatedCells: cells } : {}),
  };
}

function totals(
  responses: Array<{ updatedRange: string; updatedRows?: number; updatedColumns?: number; updatedCells?: number }>,
) {
  const sum = (key: 'updatedRows' | 'updatedColumns' | 'updatedCells') =>
    responses.reduce((total, response) => total + (response[key] ?? 0), 0);
  return {
    totalUpdatedRows: sum('updatedRows'),
    totalUpdatedColumns: sum('updatedColumns'),
    totalUpdatedCells: sum('updatedCells'),
    totalUpdatedSheets: new Set(responses.map((response) => response.updatedRange.split('!')[0])).size,
  };
}

function transposeInput(values: Input): Input {
  const height = Math.max(0, ...values.map((column) => column.length));
  return Array.from({ length: height }, (_, row) => values.map((column) => column[row] ?? null));
}
