import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { ConnectorError, errorFromHttpFailure, HttpFailure, translateHttpError } from '@escala/connector-kit';
import { z } from 'zod';
import { InvalidCardError } from './adaptive-card-schema.js';
import { APP_ONLY_POST_REFUSED } from './graph-transport.js';

/** Graph's error headers as our lower-case record. */
function headersOf(error: GraphError): Record<string, string> {
  return error.headers
    ? Object.fromEntries([...error.headers].map(([name, value]) => [name.toLowerCase(), value]))
    : {};
}

function fromGraph(error: GraphError): ConnectorError {
  const message = error.message ?? '';
  if (error.statusCode === 401 && /application-only context/i.test(message))
    return ConnectorError.invalidConfiguration(APP_ONLY_POST_REFUSED);
  if (/expected Teams app is installed/i.test(message))
    return ConnectorError.invalidConfiguration(
      `The organisation's Teams app is not installed for this supervisor (${message}): install it for them, or use another transport`,
    );
  if (error.statusCode <= 0) return ConnectorError.temporary(`Microsoft Graph is unreachable: ${message}`, error);
  const translated = errorFromHttpFailure(
    new HttpFailure(error.statusCode, headersOf(error), JSON.stringify(error.body ?? '')),
  );
  return new ConnectorError(
    translated.kind,
    `Microsoft Graph answered HTTP ${error.statusCode}${error.code ? ` ${error.code}` : ''}: ${message}`,
    translated.retryAfterMs,
    { cause: error },
  );
}

/** The one place Graph, Entra ID (MSAL) and Workflows failures become the kit's vocabulary. */
export function translateTeamsError(error: unknown): ConnectorError {
  if (error instanceof GraphError) return fromGraph(error);
  if (error instanceof InteractionRequiredAuthError)
    return ConnectorError.authentication(
      `The service account must sign in again (${error.errorCode}): POST /channels/{id}/actions/sign-in`,
    );
  if (error instanceof AuthError) {
    if (/invalid_client|unauthorized_client|invalid_scope/i.test(`${error.errorCode} ${error.message}`))
      return ConnectorError.authentication(
        `Entra ID refused the app's credentials (${error.errorCode}): ${error.errorMessage}`,
      );
    return ConnectorError.temporary(`Entra ID sign-in failed (${error.errorCode}): ${error.errorMessage}`, error);
  }
  if (error instanceof SyntaxError || error instanceof z.ZodError)
    return ConnectorError.permanent(`Microsoft Teams sent something unreadable: ${error.message}`, error);
  if (error instanceof InvalidCardError)
    return ConnectorError.permanent(
      `the card Escala built was refused by the Adaptive Card schema: ${error.message}`,
      error,
    );
  return translateHttpError(error);
}
