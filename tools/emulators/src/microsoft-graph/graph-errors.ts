import { randomUUID } from 'node:crypto';
import { EmulatorError } from '../http/emulator-error.js';
import type { EmulatorResponse } from '../http/emulator-server.js';
import type { Fault } from '../http/faults.js';

/**
 * Two error shapes: Graph's `{error:{code, message, innerError}}` and Entra's OAuth
 * `{error, error_description, error_codes, …}` (an EmulatorError with `details.oauthError`).
 */
export function formatMicrosoftError(error: EmulatorError): EmulatorResponse {
  const { oauthError, aadsts, code } = error.details as { oauthError?: string; aadsts?: number; code?: string };
  const requestId = randomUUID();
  const timestamp = new Date().toISOString();
  if (oauthError) {
    return {
      status: error.status,
      headers: error.headers,
      body: {
        error: oauthError,
        error_description: `${aadsts ? `AADSTS${aadsts}: ` : ''}${error.message} Trace ID: ${requestId} Correlation ID: ${randomUUID()} Timestamp: ${timestamp}`,
        error_codes: aadsts ? [aadsts] : [],
        timestamp,
        trace_id: requestId,
        correlation_id: randomUUID(),
      },
    };
  }
  return {
    status: error.status,
    headers: { 'request-id': requestId, ...error.headers },
    body: {
      error: {
        code: code ?? 'BadRequest',
        message: error.message,
        innerError: { date: timestamp, 'request-id': requestId, 'client-request-id': requestId },
      },
    },
  };
}

const FAULT_DEFAULTS: Record<number, { code: string; message: string }> = {
  429: { code: 'TooManyRequests', message: 'Too many requests have been made. Please retry after some time.' },
  500: { code: 'InternalServerError', message: 'An internal server error occurred.' },
  502: { code: 'BadGateway', message: 'Bad gateway.' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry after some time.' },
  504: { code: 'GatewayTimeout', message: 'The gateway did not receive a timely response.' },
};

export function microsoftFaultError(fault: Fault & { status: number }): EmulatorError {
  const defaults = FAULT_DEFAULTS[fault.status] ?? { code: 'InjectedFault', message: `Injected fault ${fault.status}` };
  return new EmulatorError(fault.status, fault.message ?? defaults.message, { code: defaults.code, ...fault.details });
}

export const graphErrors = {
  badRequest: (message: string) => new EmulatorError(400, message, { code: 'BadRequest' }),
  unknownSegment: (method: string, path: string) =>
    new EmulatorError(
      400,
      `Resource not found for the segment '${path.split('/').filter(Boolean).slice(1, 2)[0] ?? ''}'. (Microsoft Graph emulator: no route for ${method} ${path})`,
      { code: 'BadRequest' },
    ),
  notFound: (message: string) => new EmulatorError(404, message, { code: 'NotFound' }),
  forbidden: (message: string) => new EmulatorError(403, message, { code: 'Forbidden' }),
  emptyToken: () => new EmulatorError(401, 'Access token is empty.', { code: 'InvalidAuthenticationToken' }),
  invalidToken: () =>
    new EmulatorError(401, 'Access token validation failure. Invalid audience.', {
      code: 'InvalidAuthenticationToken',
    }),
  expiredToken: () =>
    new EmulatorError(401, 'Lifetime validation failed, the token is expired.', { code: 'InvalidAuthenticationToken' }),
  appOnlyMessagePost: () =>
    new EmulatorError(
      401,
      'Message POST is allowed in application-only context only for import purposes. Refer to https://docs.microsoft.com/microsoftteams/platform/graph-api/import-messages/import-external-messages-to-teams for more details.',
      { code: 'Unauthorized' },
    ),
  missingScope: (required: string[], present: string[]) =>
    new EmulatorError(
      403,
      `Missing scope permissions on the request. API requires one of '${required.join(', ')}'. Scopes on the request '${present.join(', ')}'`,
      { code: 'Forbidden' },
    ),
  missingRole: (required: string[], present: string[]) =>
    new EmulatorError(
      403,
      `Missing role permissions on the request. API requires one of '${required.join(', ')}'. Roles on the request '${present.join(', ')}'.`,
      { code: 'Forbidden' },
    ),
  appNotInstalled: () =>
    new EmulatorError(
      403,
      'Ensure that the expected Teams app is installed in the target scope. Please refer to https://docs.microsoft.com/en-us/graph/teams-send-activityfeednotifications for more details.',
      { code: 'Forbidden' },
    ),
};

export function oauthError(status: number, error: string, aadsts: number, message: string): EmulatorError {
  return new EmulatorError(status, message, { oauthError: error, aadsts });
}
