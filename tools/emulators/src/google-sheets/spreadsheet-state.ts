import type { Cell } from './cell-value.js';

/** The Sheets API's GridRange: 0-based, ends exclusive, a missing bound is the edge of the grid. */
export interface GridRange {
  sheetId: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export type MetadataLocation =
  | { kind: 'spreadsheet' }
  | { kind: 'sheet'; sheetId: number }
  | { kind: 'rows'; sheetId: number; startIndex: number; endIndex: number };

export interface DeveloperMetadataState {
  metadataId: number;
  metadataKey: string;
  metadataValue?: string;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetadataLocation;
  /** The project that created it: PROJECT metadata is visible to that project only. */
  project: string;
}

export interface ProtectedRangeState {
  protectedRangeId: number;
  range: GridRange;
  description?: string;
  warningOnly: boolean;
  /** E-mail addresses allowed to edit besides the owner. */
  editors: string[];
}

export interface SheetState {
  sheetId: number;
  title: string;
  index: number;
  rowCount: number;
  columnCount: number;
  /** Sparse: a missing row or cell is empty. */
  rows: Array<Array<Cell | undefined> | undefined>;
}

export type Role = 'owner' | 'writer' | 'reader';

export interface SpreadsheetState {
  spreadsheetId: string;
  title: string;
  locale: string;
  timeZone: string;
  sheets: SheetState[];
  developerMetadata: DeveloperMetadataState[];
  protectedRanges: ProtectedRangeState[];
  /** E-mail → role on the file; anyone else cannot open it. */
  access: Record<string, Role>;
  /** Drive's file version: only grows, moved by every change. */
  version: number;
  modifiedTime: Date;
  createdTime: Date;
  /** Who made the last change: Drive's `lastModifyingUser` (the only "who" the APIs give for cell edits). */
  lastModifyingUser: { email: string; displayName: string };
  nextId: number;
}
