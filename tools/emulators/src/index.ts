export { EmulatorError } from './http/emulator-error.js';
export type { EmulatorServer } from './http/emulator-server.js';
export type { Fault, FaultSwitch } from './http/faults.js';
export type { ReceivedRequest } from './http/received-request.js';
export {
  DEFAULT_GOOGLE_ACCESS_TOKEN,
  DEFAULT_GOOGLE_CALLER,
  startGoogleSheetsEmulator,
  type GoogleSheetsEmulator,
  type GoogleSheetsEmulatorOptions,
} from './google-sheets/sheets-emulator.js';
export type { SheetsPerson } from './google-sheets/sheets-person.js';
export type { Caller, NewSpreadsheet } from './google-sheets/spreadsheet-store.js';
