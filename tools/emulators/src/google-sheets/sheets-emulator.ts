import { startEmulatorServer, type EmulatorServer } from '../http/emulator-server.js';
import type { ReceivedRequest } from '../http/received-request.js';
import type { CellValue, ValueRenderOption } from './cell-value.js';
import { metadataResource } from './developer-metadata.js';
import { driveRoutes } from './drive-routes.js';
import { formatGoogleError, googleErrors, googleFaultError } from './google-errors.js';
import { protectedRangeResource } from './batch-update-requests.js';
import type { SheetsContext } from './sheets-context.js';
import { SheetsPerson } from './sheets-person.js';
import { spreadsheetRoutes } from './spreadsheet-routes.js';
import {
  renderValues,
  resolveA1,
  SpreadsheetStore,
  type Caller,
  type Editor,
  type NewSpreadsheet,
} from './spreadsheet-store.js';
import type { Role } from './spreadsheet-state.js';
import { valuesRoutes } from './values-routes.js';

export const DEFAULT_GOOGLE_ACCESS_TOKEN = 'emulated-google-access-token';
export const DEFAULT_GOOGLE_CALLER: Caller = {
  email: 'escala-sync@escala-test.iam.gserviceaccount.com',
  project: 'escala-test',
};

export interface GoogleSheetsEmulatorOptions {
  /** Bearer tokens it accepts and who each one is; default: DEFAULT_GOOGLE_ACCESS_TOKEN → DEFAULT_GOOGLE_CALLER. */
  tokens?: Record<string, Caller>;
  /** Whether row developer metadata follows its cells on a sort (undocumented by Google); default false. */
  metadataFollowsSort?: boolean;
}

export interface GoogleSheetsEmulator extends EmulatorServer {
  /** `url` + '/': the `rootUrl` for `sheets({version:'v4', rootUrl})` and `drive({version:'v3', rootUrl})`. */
  rootUrl: string;
  metadataFollowsSort: boolean;
  /** Creates a spreadsheet (rows typed as USER_ENTERED); the configured callers are writers unless `access` says otherwise. */
  createSpreadsheet(spec?: NewSpreadsheet): string;
  /** Gives (or with `undefined` takes away) someone's access to the file. */
  setAccess(spreadsheetId: string, email: string, role: Role | undefined): void;
  /** Current values of a range as the API would return them (UNFORMATTED_VALUE unless told). */
  values(spreadsheetId: string, range: string, render?: ValueRenderOption): CellValue[][];
  /** Current developer metadata (with current locations), protected ranges and Drive version. */
  inspect(spreadsheetId: string): {
    version: number;
    modifiedTime: Date;
    developerMetadata: Array<ReturnType<typeof metadataResource>>;
    protectedRanges: Array<ReturnType<typeof protectedRangeResource>>;
    sheets: Array<{ sheetId: number; title: string; rowCount: number; columnCount: number }>;
  };
  /** Someone editing the spreadsheet in the browser (Drive then names them as the last modifying user). */
  person(spreadsheetId: string, editor?: Editor): SheetsPerson;
}

/** Starts the Google Sheets v4 + Drive v3 emulator on 127.0.0.1 (plain HTTP, as googleapis allows). */
export async function startGoogleSheetsEmulator(
  options: GoogleSheetsEmulatorOptions = {},
): Promise<GoogleSheetsEmulator> {
  const tokens = options.tokens ?? { [DEFAULT_GOOGLE_ACCESS_TOKEN]: DEFAULT_GOOGLE_CALLER };
  const store = new SpreadsheetStore(
    Object.fromEntries(Object.values(tokens).map((caller) => [caller.email, 'writer' as Role])),
  );
  let metadataFollowsSort = options.metadataFollowsSort ?? false;
  const context: SheetsContext = {
    store,
    metadataFollowsSort: () => metadataFollowsSort,
    authenticate(request: ReceivedRequest): Caller {
      const header = request.headers.authorization;
      if (!header) throw googleErrors.missingCredentials();
      const token = /^Bearer (.+)$/.exec(header)?.[1];
      const caller = token ? tokens[token] : undefined;
      if (!caller) throw googleErrors.invalidCredentials();
      return caller;
    },
  };
  const server = await startEmulatorServer({
    name: 'Google Sheets',
    routes: [...valuesRoutes(context), ...spreadsheetRoutes(context), ...driveRoutes(context)],
    formatError: formatGoogleError,
    unknownRoute: googleErrors.unknownRoute,
    faultError: googleFaultError,
  });
  return {
    ...server,
    rootUrl: `${server.url}/`,
    get metadataFollowsSort() {
      return metadataFollowsSort;
    },
    set metadataFollowsSort(value: boolean) {
      metadataFollowsSort = value;
    },
    createSpreadsheet: (spec = {}) => store.create(spec).spreadsheetId,
    setAccess(spreadsheetId, email, role) {
      // Sharing is not an edit of the contents: the Drive version stays.
      const access = store.peek(spreadsheetId).access;
      if (role) access[email] = role;
      else delete access[email];
    },
    values(spreadsheetId, range, render = 'UNFORMATTED_VALUE') {
      const state = store.peek(spreadsheetId);
      return (
        renderValues(state, resolveA1(state, range), {
          valueRenderOption: render,
          dateTimeRenderOption: 'SERIAL_NUMBER',
          majorDimension: 'ROWS',
        }) ?? []
      );
    },
    inspect(spreadsheetId) {
      const state = store.peek(spreadsheetId);
      return {
        version: state.version,
        modifiedTime: state.modifiedTime,
        developerMetadata: state.developerMetadata.map(metadataResource),
        protectedRanges: state.protectedRanges.map(protectedRangeResource),
        sheets: state.sheets.map(({ sheetId, title, rowCount, columnCount }) => ({
          sheetId,
          title,
          rowCount,
          columnCount,
        })),
      };
    },
    person: (spreadsheetId, editor) => {
      store.peek(spreadsheetId);
      return new SheetsPerson(store, spreadsheetId, () => metadataFollowsSort, editor);
    },
  };
}
