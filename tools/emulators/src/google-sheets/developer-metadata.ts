import { googleErrors } from './google-errors.js';
import type { DataFilter } from './request-schemas.js';
import { resolveA1, resolveGrid, sheetById, type Caller, type ResolvedRange } from './spreadsheet-store.js';
import type { DeveloperMetadataState, MetadataLocation, SpreadsheetState } from './spreadsheet-state.js';

/** The DeveloperMetadata resource as the API returns it (current location). */
export function metadataResource(metadata: DeveloperMetadataState) {
  return {
    metadataId: metadata.metadataId,
    metadataKey: metadata.metadataKey,
    ...(metadata.metadataValue === undefined ? {} : { metadataValue: metadata.metadataValue }),
    location: locationResource(metadata.location),
    visibility: metadata.visibility,
  };
}

function locationResource(location: MetadataLocation) {
  switch (location.kind) {
    case 'spreadsheet':
      return { locationType: 'SPREADSHEET', spreadsheet: true };
    case 'sheet':
      return { locationType: 'SHEET', sheetId: location.sheetId };
    case 'rows':
      return {
        locationType: 'ROW',
        dimensionRange: {
          sheetId: location.sheetId,
          dimension: 'ROWS',
          startIndex: location.startIndex,
          endIndex: location.endIndex,
        },
      };
  }
}

/** PROJECT metadata exists only for the project that created it. */
export function visibleMetadata(state: SpreadsheetState, caller: Caller): DeveloperMetadataState[] {
  return state.developerMetadata.filter(
    (metadata) => metadata.visibility === 'DOCUMENT' || metadata.project === caller.project,
  );
}

/** The metadata a data filter selects: by lookup fields, or by intersecting the filter's range. */
export function matchMetadata(state: SpreadsheetState, caller: Caller, filter: DataFilter): DeveloperMetadataState[] {
  const candidates = visibleMetadata(state, caller);
  const lookup = filter.developerMetadataLookup;
  if (!lookup) {
    const { sheet, rect } = filterRange(state, filter);
    return candidates.filter(({ location }) => {
      if (location.kind === 'sheet') return location.sheetId === sheet.sheetId;
      if (location.kind !== 'rows' || location.sheetId !== sheet.sheetId) return false;
      return location.startIndex < rect.endRow && rect.startRow < location.endIndex;
    });
  }
  const wantedLocation = lookup.metadataLocation ? parseLocation(lookup.metadataLocation) : undefined;
  return candidates.filter((metadata) => {
    if (lookup.metadataId !== undefined && metadata.metadataId !== lookup.metadataId) return false;
    if (lookup.metadataKey !== undefined && metadata.metadataKey !== lookup.metadataKey) return false;
    if (lookup.metadataValue !== undefined && metadata.metadataValue !== lookup.metadataValue) return false;
    if (lookup.visibility !== undefined && metadata.visibility !== lookup.visibility) return false;
    if (lookup.locationType !== undefined && locationResource(metadata.location).locationType !== lookup.locationType)
      return false;
    if (wantedLocation) return locationMatches(metadata.location, wantedLocation, lookup.locationMatchingStrategy);
    return true;
  });
}

function locationMatches(
  actual: MetadataLocation,
  wanted: MetadataLocation,
  strategy: 'EXACT_LOCATION' | 'INTERSECTING_LOCATION' | undefined,
): boolean {
  if (actual.kind !== wanted.kind) return false;
  if (actual.kind === 'spreadsheet') return true;
  if (actual.sheetId !== (wanted as { sheetId: number }).sheetId) return false;
  if (actual.kind === 'sheet' || wanted.kind !== 'rows') return true;
  if (strategy === 'INTERSECTING_LOCATION')
    return actual.startIndex < wanted.endIndex && wanted.startIndex < actual.endIndex;
  return actual.startIndex === wanted.startIndex && actual.endIndex === wanted.endIndex;
}

/** A DeveloperMetadataLocation from a request; only spreadsheet, sheet and row locations are emulated. */
export function parseLocation(location: {
  spreadsheet?: boolean;
  sheetId?: number;
  dimensionRange?: { sheetId: number; dimension: 'ROWS' | 'COLUMNS'; startIndex?: number; endIndex?: number };
}): MetadataLocation {
  const kinds = [location.spreadsheet, location.sheetId, location.dimensionRange].filter((kind) => kind !== undefined);
  if (kinds.length !== 1)
    throw googleErrors.badRequest(
      'Invalid location: exactly one of spreadsheet, sheetId or dimensionRange must be set',
    );
  if (location.spreadsheet) return { kind: 'spreadsheet' };
  if (location.sheetId !== undefined) return { kind: 'sheet', sheetId: location.sheetId };
  const range = location.dimensionRange!;
  if (range.dimension !== 'ROWS')
    throw googleErrors.badRequest('Google emulator: column metadata locations are not emulated');
  if (range.startIndex === undefined || range.endIndex === undefined || range.endIndex <= range.startIndex)
    throw googleErrors.badRequest('Invalid dimensionRange: startIndex and endIndex must be set, endIndex > startIndex');
  return { kind: 'rows', sheetId: range.sheetId, startIndex: range.startIndex, endIndex: range.endIndex };
}

/** The grid ranges a data filter selects (for batchGetByDataFilter / batchUpdateByDataFilter). */
export function dataFilterRanges(state: SpreadsheetState, caller: Caller, filter: DataFilter): ResolvedRange[] {
  if (!filter.developerMetadataLookup) return [filterRange(state, filter)];
  return matchMetadata(state, caller, filter).map(({ location }) => {
    if (location.kind === 'spreadsheet')
      throw googleErrors.badRequest(
        'Google emulator: spreadsheet-level metadata does not select a range (not emulated)',
      );
    const sheet = sheetById(state, location.sheetId);
    if (location.kind === 'sheet') return resolveGrid(sheet, {});
    return resolveGrid(sheet, { startRowIndex: location.startIndex, endRowIndex: location.endIndex });
  });
}

function filterRange(state: SpreadsheetState, filter: DataFilter): ResolvedRange {
  if (filter.a1Range !== undefined) return resolveA1(state, filter.a1Range);
  const { sheetId, ...bounds } = filter.gridRange!;
  return resolveGrid(sheetById(state, sheetId), bounds);
}
