import { EmulatorError } from '../http/emulator-error.js';
import type { EmulatorResponse } from '../http/emulator-server.js';
import type { Fault } from '../http/faults.js';

/**
 * Google's error body: `{error:{code, message, status, errors:[{message, domain, reason}]}}`. Sheets
 * errors carry the canonical `status` (PERMISSION_DENIED…); Drive's also the legacy `errors[].reason`
 * (notFound, rateLimitExceeded) that client code often branches on.
 */
export function formatGoogleError(error: EmulatorError): EmulatorResponse {
  const { status, reason, domain, location, locationType } = error.details as Record<string, string | undefined>;
  return {
    status: error.status,
    headers: error.headers,
    body: {
      error: {
        code: error.status,
        message: error.message,
        ...(status ? { status } : {}),
        ...(reason
          ? {
              errors: [
                {
                  message: error.message,
                  domain: domain ?? 'global',
                  reason,
                  ...(location ? { location, locationType } : {}),
                },
              ],
            }
          : {}),
      },
    },
  };
}

const FAULT_DEFAULTS: Record<number, { message: string; status: string; reason?: string; domain?: string }> = {
  403: {
    message: 'Rate Limit Exceeded',
    status: 'PERMISSION_DENIED',
    reason: 'rateLimitExceeded',
    domain: 'usageLimits',
  },
  429: {
    message:
      "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
    status: 'RESOURCE_EXHAUSTED',
    reason: 'rateLimitExceeded',
  },
  500: { message: 'Internal error encountered.', status: 'INTERNAL' },
  502: { message: 'Bad Gateway', status: 'UNAVAILABLE' },
  503: { message: 'The service is currently unavailable.', status: 'UNAVAILABLE' },
  504: { message: 'Deadline expired before operation could complete.', status: 'DEADLINE_EXCEEDED' },
};

export function googleFaultError(fault: Fault & { status: number }): EmulatorError {
  const defaults = FAULT_DEFAULTS[fault.status] ?? { message: `Injected fault ${fault.status}`, status: 'UNKNOWN' };
  const { message, ...details } = defaults;
  return new EmulatorError(fault.status, fault.message ?? message, { ...details, ...fault.details });
}

export const googleErrors = {
  badRequest: (message: string) =>
    new EmulatorError(400, message, { status: 'INVALID_ARGUMENT', reason: 'badRequest' }),
  unknownRoute: (method: string, path: string) =>
    new EmulatorError(404, `Google emulator: no such method ${method} ${path} (unknown route)`, {
      status: 'NOT_FOUND',
      reason: 'notFound',
    }),
  unknownQueryParameter: (name: string) =>
    new EmulatorError(
      400,
      `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
      { status: 'INVALID_ARGUMENT', reason: 'badRequest' },
    ),
  missingCredentials: () =>
    new EmulatorError(
      401,
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      { status: 'UNAUTHENTICATED', reason: 'required', domain: 'global' },
      { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
    ),
  invalidCredentials: () =>
    new EmulatorError(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      { status: 'UNAUTHENTICATED', reason: 'authError' },
      { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    ),
  permissionDenied: () =>
    new EmulatorError(403, 'The caller does not have permission', { status: 'PERMISSION_DENIED', reason: 'forbidden' }),
  spreadsheetNotFound: () =>
    new EmulatorError(404, 'Requested entity was not found.', { status: 'NOT_FOUND', reason: 'notFound' }),
  protectedCell: () =>
    new EmulatorError(
      400,
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
      { status: 'INVALID_ARGUMENT', reason: 'badRequest' },
    ),
  unableToParseRange: (range: string) => googleErrors.badRequest(`Unable to parse range: ${range}`),
  driveFileNotFound: (fileId: string) =>
    new EmulatorError(404, `File not found: ${fileId}.`, {
      reason: 'notFound',
      location: 'fileId',
      locationType: 'parameter',
    }),
};
