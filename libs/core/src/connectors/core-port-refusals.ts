import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { ConnectorError, type ConnectorErrorKind } from '@escala/connector-kit';
import { isRefusal, type Refusal, type RefusalKind } from '@escala/domain';

/**
 * What each refusal means to a connector: only an overloaded or unavailable core is worth another
 * attempt; the rest is the change itself (its data, its ticket) and is recorded as rejected.
 */
const CONNECTOR_KINDS: Record<RefusalKind, ConnectorErrorKind> = {
  bad_input: 'permanent',
  unauthorized: 'authentication',
  forbidden: 'permanent',
  not_found: 'not_found',
  conflict: 'permanent',
  payload_too_large: 'permanent',
  too_many_requests: 'rate_limited',
  unavailable: 'temporary',
};

/** The core's refusal in the connector vocabulary, so the port and the HTTP API refuse alike; anything else stays as it is. */
export function asConnectorError(error: unknown): unknown {
  if (!isRefusal(error)) return error;
  const retryAfter = error.details.retryAfterSeconds;
  return new ConnectorError(
    CONNECTOR_KINDS[error.kind],
    `refused by the core: ${explained(error)}`,
    retryAfter === undefined ? undefined : retryAfter * 1000,
    { cause: error },
  );
}

/** Bad input names each field, as the HTTP answer's `errors` does, whatever the refusal's summary says. */
function explained(refusal: Refusal): string {
  const { errors } = refusal.details;
  return errors?.length ? errors.map((e) => `${e.field}: ${e.message}`).join('; ') : refusal.message;
}

/**
 * Two changes created a ticket for one reference at once, and the other committed first: this one
 * rolls back, and on its retry finds the other's ticket.
 */
export function raceLost(error: unknown): never {
  if ((isRefusal(error) && error.kind === 'conflict') || error instanceof UniqueConstraintViolationException) {
    throw ConnectorError.temporary('a concurrent change created the ticket for this external reference', error);
  }
  throw error;
}
