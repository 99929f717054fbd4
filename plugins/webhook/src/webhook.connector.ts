import {
  CONNECTOR_CONTRACT_VERSION,
  ConnectorError,
  defineConnector,
  errorFromHttpStatus,
  isConnectorError,
  type ConnectorContext,
} from '@escala/connector-kit';
import { webhookConfigSchema, type WebhookConfig } from './webhook.config.js';
import { inboundChanges } from './webhook-inbound.js';
import { signatureHeader, verifySignature } from './webhook-signature.js';

/** A non-2xx answer, kept raw until translateError turns it into our vocabulary. */
class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: string | null,
  ) {
    super(`HTTP ${status}`);
  }
}

function headersFor(config: WebhookConfig): Record<string, string> {
  return config.apiToken ? { authorization: `Bearer ${config.apiToken}` } : {};
}

function callSignal({ config, signal }: ConnectorContext<WebhookConfig>): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]);
}

/** The one place this service's failures become our vocabulary. */
function translateError(error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  if (error instanceof HttpFailure) return errorFromHttpStatus(error.status, error.retryAfter);
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return ConnectorError.temporary('the service did not answer in time', error);
  }
  if (error instanceof TypeError)
    return ConnectorError.temporary(`the service is unreachable: ${error.message}`, error);
  return ConnectorError.temporary(
    `unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
    error,
  );
}

export const webhookConnector = defineConnector({
  key: 'webhook',
  displayName: 'Webhook',
  contractVersion: CONNECTOR_CONTRACT_VERSION,
  configSchema: webhookConfigSchema,
  consumes: ['*'],

  async deliver(context, { event, idempotencyKey }) {
    const body = JSON.stringify(event);
    const headers: Record<string, string> = {
      ...headersFor(context.config),
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
      'x-escala-event': event.type,
    };
    if (context.config.signingSecret)
      headers['x-escala-signature'] = signatureHeader(context.config.signingSecret, body);
    const response = await fetch(context.config.url, { method: 'POST', headers, body, signal: callSignal(context) });
    await response.body?.cancel();
    if (!response.ok) throw new HttpFailure(response.status, response.headers.get('retry-after'));
    return {};
  },

  async health(context) {
    try {
      const response = await fetch(context.config.url, {
        method: 'GET',
        headers: headersFor(context.config),
        signal: callSignal(context),
      });
      await response.body?.cancel();
      if (response.status === 401 || response.status === 403) {
        return { status: 'unhealthy', detail: `the service refused the credentials (HTTP ${response.status})` };
      }
      return response.status >= 500
        ? { status: 'degraded', detail: `the service answers HTTP ${response.status}` }
        : { status: 'healthy' };
    } catch (error) {
      return { status: 'unhealthy', detail: translateError(error).message };
    }
  },

  /** Inbound: the sender signs like we do, with the channel's signing secret; without one nothing is accepted. */
  webhook: {
    verify: ({ config }, request) =>
      Boolean(config.signingSecret) &&
      verifySignature(config.signingSecret!, request.rawBody, request.headers['x-escala-signature']),
    receive: async (_context, request) => inboundChanges(request.rawBody),
  },

  translateError,
});
