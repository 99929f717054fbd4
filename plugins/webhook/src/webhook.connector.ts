import {
  CONNECTOR_CONTRACT_VERSION,
  defineConnector,
  expectOk,
  probeHttpHealth,
  translateHttpError,
  type ConnectorContext,
} from '@escala/connector-kit';
import { webhookConfigSchema, type WebhookConfig } from './webhook.config.js';
import { inboundChanges } from './webhook-inbound.js';
import { signatureHeader, verifySignature } from './webhook-signature.js';

function headersFor(config: WebhookConfig): Record<string, string> {
  return config.apiToken ? { authorization: `Bearer ${config.apiToken}` } : {};
}

function callSignal({ config, signal }: ConnectorContext<WebhookConfig>): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]);
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
    const response = await expectOk(
      await fetch(context.config.url, { method: 'POST', headers, body, signal: callSignal(context) }),
    );
    await response.body?.cancel();
    return {};
  },

  health: (context) =>
    probeHttpHealth(context.config.url, { headers: headersFor(context.config), signal: callSignal(context) }),

  /** Inbound: the sender signs like we do, with the channel's signing secret; without one nothing is accepted. */
  webhook: {
    verify: ({ config }, request) =>
      Boolean(config.signingSecret) &&
      verifySignature(config.signingSecret!, request.rawBody, request.headers['x-escala-signature']),
    receive: async (_context, request) => ({ changes: inboundChanges(request.rawBody) }),
  },

  /** The service is plain HTTP: the kit's translation is the whole of it. */
  translateError: translateHttpError,
});
