import { GraphError } from '@microsoft/microsoft-graph-client';
import { ConnectorError } from '@escala/connector-kit';
import { connectorContractTests } from '@escala/connector-kit/testing';
import { randomUUID } from 'node:crypto';
import { ANA, AVISOS, BRUNO, deskPort, signInServiceAccount, startTenant } from '../test/teams-tenant.js';
import { track } from './announcement-tracking.js';
import { TOKEN_CACHE_SECRET } from './entra-tokens.js';
import { attachmentIdFor } from './graph-transport.js';
import { microsoftTeamsConnector } from './microsoft-teams.connector.js';
import { sampleEvent } from '@escala/connector-kit/testing';

function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  const error = new GraphError(status, message);
  error.code = code;
  error.headers = new Headers(headers);
  return error;
}

let cache = '';
let followed: { messageId: string; announcement: ReturnType<typeof sampleEvent<'announcement.published'>> } | undefined;

connectorContractTests(microsoftTeamsConnector, {
  async startService() {
    const tenant = await startTenant();
    const config = tenant.configs.delegated(AVISOS);
    cache = await signInServiceAccount(tenant, deskPort(), config);
    // An announcement this channel posted earlier, whose reactions the poll reads.
    const announcement = sampleEvent({ type: 'announcement.published' });
    const posted = tenant.graph.messages(AVISOS);
    const port = deskPort();
    await port.secrets.put(TOKEN_CACHE_SECRET, cache);
    const receipt = await microsoftTeamsConnector.deliver!(
      { channelId: randomUUID(), config, port, signal: AbortSignal.timeout(20_000) },
      { event: announcement, idempotencyKey: randomUUID(), attempt: 1 },
    );
    followed = { messageId: receipt.externalId!, announcement };
    return {
      config: { ...config, clientSecret: undefined },
      effects: (key) =>
        posted.filter((message) =>
          message.attachments.some((attachment) => (attachment as { id: string }).id === attachmentIdFor(key)),
        ).length,
      addInboundItem: async () => tenant.graph.addReaction(AVISOS, followed!.messageId, ANA.entraId, '👍'),
      stop: () => tenant.graph.close(),
    };
  },
  async prepareChannel(port) {
    for (const person of [ANA, BRUNO])
      port.addUser({ displayName: person.name, identities: [{ system: 'entra', id: person.entraId }] });
    if (cache) await port.secrets.put(TOKEN_CACHE_SECRET, cache);
    if (followed) {
      const audience = [...followed.announcement.payload.audience];
      const ana = await port.findUserByExternalIdentity({ system: 'entra', id: ANA.entraId });
      audience.push({ userId: ana!.id, login: 'ana', displayName: ANA.name, email: null });
      const event = { ...followed.announcement, payload: { ...followed.announcement.payload, audience } };
      await track(port, event, followed.messageId, new Date());
    }
  },
  invalidConfigs: [
    { config: {}, field: 'transport' },
    { config: { transport: 'graph', clientId: '7e9f1a3b-5c7d-4e9f-a1b3-c5d7e9f1a3b5' }, field: 'target' },
    { config: { transport: 'graph', target: { chatId: 'c' }, clientId: 'x' }, field: 'clientId' },
    {
      config: { transport: 'activity-feed', tenantId: 't', clientId: '7e9f1a3b-5c7d-4e9f-a1b3-c5d7e9f1a3b5' },
      field: 'auth',
    },
    { config: { transport: 'workflows-webhook' }, field: 'workflowUrl' },
    { config: { transport: 'workflows-webhook', workflowUrl: 'http://prod.logic.azure.com/x' }, field: 'workflowUrl' },
    {
      config: {
        transport: 'workflows-webhook',
        workflowUrl: 'https://x.test/?sig=1',
        graphBaseUrl: 'http://graph.test',
      },
      field: 'graphBaseUrl',
    },
  ],
  vendorErrors: [
    {
      name: "Graph's app-only refusal of a message POST",
      error: graphError(
        401,
        'Unauthorized',
        'Message POST is allowed in application-only context only for import purposes.',
      ),
      kind: 'invalid_configuration',
    },
    {
      name: 'Graph 429 with Retry-After',
      error: graphError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': '9' }),
      kind: 'rate_limited',
      retryAfterMs: 9000,
    },
    { name: 'Graph 504', error: graphError(504, 'GatewayTimeout', 'Gateway timeout'), kind: 'temporary' },
    {
      name: 'the Teams app missing for a supervisor',
      error: graphError(403, 'Forbidden', 'Ensure that the expected Teams app is installed in the target scope.'),
      kind: 'invalid_configuration',
    },
    {
      name: 'an expired token',
      error: graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'),
      kind: 'authentication',
    },
    { name: 'our own error', error: ConnectorError.authentication('expired'), kind: 'authentication' },
  ],
  speaksHttp: true,
});
