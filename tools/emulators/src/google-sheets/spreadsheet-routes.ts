import type { Route } from '../http/emulator-server.js';
import { applyRequest, protectedRangeResource } from './batch-update-requests.js';
import { matchMetadata, metadataResource, visibleMetadata } from './developer-metadata.js';
import { applyFieldMask, parseFieldMask } from './field-mask.js';
import { googleErrors } from './google-errors.js';
import { parseBody, searchDeveloperMetadataSchema, spreadsheetBatchUpdateSchema } from './request-schemas.js';
import { checkQuery, queryFlag, type SheetsContext } from './sheets-context.js';
import type { Caller } from './spreadsheet-store.js';
import type { SpreadsheetState } from './spreadsheet-state.js';

const BASE = '^/v4/spreadsheets/(?<id>[^/:]+)';

/** spreadsheets.get, spreadsheets.batchUpdate and spreadsheets.developerMetadata.{get,search}. */
export function spreadsheetRoutes(context: SheetsContext): Route[] {
  const { store } = context;
  return [
    {
      method: 'GET',
      path: new RegExp(`${BASE}$`),
      handle(request) {
        checkQuery(request, ['includeGridData', 'ranges', 'excludeTablesInBandedRanges']);
        if (queryFlag(request, 'includeGridData') || request.query.has('ranges'))
          throw googleErrors.badRequest(
            'Google emulator: includeGridData and ranges are not emulated; read values instead',
          );
        const caller = context.authenticate(request);
        const state = store.open(request.params.id!, caller, 'read');
        return { body: masked(spreadsheetResource(state, caller), request.query.get('fields')) };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`${BASE}:batchUpdate$`),
      handle(request) {
        checkQuery(request, []);
        const caller = context.authenticate(request);
        store.open(request.params.id!, caller, 'write');
        const body = parseBody(spreadsheetBatchUpdateSchema, request.body);
        // All requests apply to one draft: any refusal leaves the spreadsheet untouched.
        const replies = store.mutate(request.params.id!, caller, (draft) =>
          body.requests.map((entry, index) =>
            applyRequest(entry, { draft, caller, index, metadataFollowsSort: context.metadataFollowsSort() }),
          ),
        );
        return { body: { spreadsheetId: request.params.id, replies } };
      },
    },
    {
      method: 'POST',
      path: new RegExp(`${BASE}/developerMetadata:search$`),
      handle(request) {
        checkQuery(request, []);
        const caller = context.authenticate(request);
        const state = store.open(request.params.id!, caller, 'read');
        const body = parseBody(searchDeveloperMetadataSchema, request.body);
        const matched = new Map<number, { developerMetadata: unknown; dataFilters: unknown[] }>();
        for (const dataFilter of body.dataFilters) {
          for (const metadata of matchMetadata(state, caller, dataFilter)) {
            const entry = matched.get(metadata.metadataId) ?? {
              developerMetadata: metadataResource(metadata),
              dataFilters: [],
            };
            entry.dataFilters.push(dataFilter);
            matched.set(metadata.metadataId, entry);
          }
        }
        return { body: matched.size ? { matchedDeveloperMetadata: [...matched.values()] } : {} };
      },
    },
    {
      method: 'GET',
      path: new RegExp(`${BASE}/developerMetadata/(?<metadataId>\\d+)$`),
      handle(request) {
        checkQuery(request, []);
        const caller = context.authenticate(request);
        const state = store.open(request.params.id!, caller, 'read');
        const metadata = visibleMetadata(state, caller).find(
          (candidate) => candidate.metadataId === Number(request.params.metadataId),
        );
        if (!metadata) throw googleErrors.badRequest(`No developer metadata with ID: ${request.params.metadataId}`);
        return { body: metadataResource(metadata) };
      },
    },
  ];
}

function spreadsheetResource(state: SpreadsheetState, caller: Caller) {
  const metadata = visibleMetadata(state, caller);
  return {
    spreadsheetId: state.spreadsheetId,
    properties: {
      title: state.title,
      locale: state.locale,
      autoRecalc: 'ON_CHANGE',
      timeZone: state.timeZone,
    },
    sheets: [...state.sheets]
      .sort((a, b) => a.index - b.index)
      .map((sheet) => {
        const protectedRanges = state.protectedRanges.filter((range) => range.range.sheetId === sheet.sheetId);
        const sheetMetadata = metadata.filter(
          ({ location }) => location.kind === 'sheet' && location.sheetId === sheet.sheetId,
        );
        return {
          properties: {
            sheetId: sheet.sheetId,
            title: sheet.title,
            index: sheet.index,
            sheetType: 'GRID',
            gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount },
          },
          ...(protectedRanges.length ? { protectedRanges: protectedRanges.map(protectedRangeResource) } : {}),
          ...(sheetMetadata.length ? { developerMetadata: sheetMetadata.map(metadataResource) } : {}),
        };
      }),
    ...(metadata.some(({ location }) => location.kind === 'spreadsheet')
      ? {
          developerMetadata: metadata.filter(({ location }) => location.kind === 'spreadsheet').map(metadataResource),
        }
      : {}),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${state.spreadsheetId}/edit`,
  };
}

export function masked(resource: unknown, fields: string | null): unknown {
  if (fields === null) return resource;
  try {
    return applyFieldMask(resource, parseFieldMask(fields));
  } catch (error) {
    throw googleErrors.badRequest((error as Error).message);
  }
}
