import { EmulatorError } from '../http/emulator-error.js';
import type { Route } from '../http/emulator-server.js';
import { applyFieldMask, parseFieldMask, topLevelFields } from './field-mask.js';
import { googleErrors } from './google-errors.js';
import { checkQuery, type SheetsContext } from './sheets-context.js';

const FILE_FIELDS = [
  'kind',
  'id',
  'name',
  'mimeType',
  'version',
  'modifiedTime',
  'createdTime',
  'trashed',
  'webViewLink',
  'lastModifyingUser',
];
/** What Drive v3 returns when `fields` is not given — notably without `version` or `modifiedTime`. */
const DEFAULT_FIELDS = 'kind,id,name,mimeType';

/**
 * Drive v3 files.get for the emulated spreadsheets: the cheap "did anything change?" probe. A file
 * the caller cannot see is a 404, as Drive does (it does not reveal that the file exists).
 */
export function driveRoutes(context: SheetsContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/drive\/v3\/files\/(?<fileId>[^/]+)$/,
      handle(request) {
        checkQuery(request, [
          'supportsAllDrives',
          'supportsTeamDrives',
          'includeItemsFromAllDrives',
          'acknowledgeAbuse',
        ]);
        const caller = context.authenticate(request);
        const fileId = request.params.fileId!;
        if (!context.store.has(fileId)) throw googleErrors.driveFileNotFound(fileId);
        const state = context.store.peek(fileId);
        if (!state.access[caller.email]) throw googleErrors.driveFileNotFound(fileId);
        const mask = parseMask(request.query.get('fields') ?? DEFAULT_FIELDS);
        const file = {
          kind: 'drive#file',
          id: state.spreadsheetId,
          name: state.title,
          mimeType: 'application/vnd.google-apps.spreadsheet',
          // int64 fields travel as strings in Google JSON.
          version: String(state.version),
          modifiedTime: state.modifiedTime.toISOString(),
          createdTime: state.createdTime.toISOString(),
          trashed: false,
          webViewLink: `https://docs.google.com/spreadsheets/d/${state.spreadsheetId}/edit`,
          lastModifyingUser: {
            kind: 'drive#user',
            displayName: state.lastModifyingUser.displayName,
            emailAddress: state.lastModifyingUser.email,
            me: state.lastModifyingUser.email === caller.email,
          },
        };
        return { body: applyFieldMask(file, mask) };
      },
    },
  ];
}

function parseMask(fields: string) {
  let mask;
  try {
    mask = parseFieldMask(fields);
  } catch {
    throw invalidFields(fields);
  }
  const unknown = topLevelFields(mask).find((field) => field !== '*' && !FILE_FIELDS.includes(field));
  if (unknown) throw invalidFields(unknown);
  return mask;
}

function invalidFields(field: string) {
  return new EmulatorError(400, `Invalid field selection ${field}`, {
    reason: 'invalidParameter',
    location: 'fields',
    locationType: 'parameter',
  });
}
