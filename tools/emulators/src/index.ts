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
export type { Caller, Editor, NewSpreadsheet } from './google-sheets/spreadsheet-store.js';
export {
  DEFAULT_CONFIDENTIAL_APP,
  DEFAULT_PUBLIC_APP,
  DEFAULT_TENANT_ID,
  startMicrosoftGraphEmulator,
  type ConversationRef,
  type MicrosoftGraphEmulator,
  type MicrosoftGraphEmulatorOptions,
} from './microsoft-graph/graph-emulator.js';
export type { ChatMessage, GraphApplication, GraphUser } from './microsoft-graph/graph-directory.js';
export type { WorkflowPost, WorkflowTrigger } from './microsoft-graph/workflows-routes.js';
export {
  testCertificateAuthority,
  trustInThisProcess,
  type TestCertificateAuthority,
} from './microsoft-graph/test-certificate-authority.js';
export { DOVECOT_INSTALL_HINT, startDovecot, type DovecotServer, type MailUser } from './mail/dovecot-server.js';
export { startOAuthTokenServer, type OAuthClient, type OAuthTokenServer } from './mail/oauth-token-server.js';
export { startSmtpCapture, type CapturedMail, type SmtpCapture, type SmtpRejection } from './mail/smtp-capture.js';
