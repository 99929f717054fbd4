/**
 * A refusal the emulator sends back as the service's own error response. Handlers throw it; each
 * emulator's `formatError` renders it in its service's JSON shape (Google `{error:{code,…}}`,
 * Graph `{error:{code:'BadRequest',…}}`, Entra `{error,error_description}`).
 */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Service-specific fields: Google `status`/`reason`, Graph `code`, Entra `error`. */
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}
