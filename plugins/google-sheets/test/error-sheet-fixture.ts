import { DEFAULT_GOOGLE_ACCESS_TOKEN, DEFAULT_GOOGLE_CALLER, type GoogleSheetsEmulator } from '@escala/emulators';
import { DEFAULT_COLUMNS } from '../src/google-sheets.config.js';

export const HEADERS = DEFAULT_COLUMNS.map((column) => column.header);

/** The team's error-correction sheet: tab "Erros", the pt-BR headers, rows typed in by people. */
export function errorSheet(emulator: GoogleSheetsEmulator, rows: Array<Array<string | number>> = []): string {
  return emulator.createSpreadsheet({
    title: 'Controle de Correção de Erros',
    sheets: [{ title: 'Erros', rows: [HEADERS, ...rows] }],
  });
}

/** A channel config pointing the real googleapis clients at the emulator. */
export function emulatorConfig(emulator: GoogleSheetsEmulator, spreadsheetId: string, extra: object = {}) {
  return {
    spreadsheetId,
    tab: 'Erros',
    credentials: {
      type: 'access_token' as const,
      account: DEFAULT_GOOGLE_CALLER.email,
      token: DEFAULT_GOOGLE_ACCESS_TOKEN,
    },
    sheetsUrl: emulator.rootUrl,
    driveUrl: emulator.rootUrl,
    ...extra,
  };
}
