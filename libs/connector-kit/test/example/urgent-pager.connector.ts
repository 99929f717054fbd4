// The worked example of docs/connectors.md: a small connector built on contract v2, tested by the
// contract test-kit like any plugin. It pages the on-call leader of an outside pager service when a
// ticket turns URGENTE, and turns the pages people raise in that service into tickets.
import { z } from 'zod';
import {
  CONNECTOR_CONTRACT_VERSION,
  ConnectorError,
  defineConnector,
  expectOk,
  probeHttpHealth,
  secret,
  translateHttpError,
  type ConnectorContext,
  type CorePort,
  type InboundChange,
} from '../../src/index.js';

export const PAGER = 'urgent-pager';

export const urgentPagerConfig = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).describe('Base address of the pager service'),
  apiToken: secret(z.string().min(8)).describe('Sent as a bearer token; the service sends it back on its webhooks'),
  leaderEntraId: z.guid().optional().describe('Entra object id of the leader to mention'),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});
type Config = z.output<typeof urgentPagerConfig>;

/** What the service says a person raised in it. */
const RaisedPage = z.object({ id: z.string().min(1), subject: z.string(), body: z.string(), email: z.email() });
type RaisedPage = z.infer<typeof RaisedPage>;

const call = ({ config, signal }: ConnectorContext<Config>, path: string, init: RequestInit = {}) =>
  fetch(`${config.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${config.apiToken}`, 'content-type': 'application/json', ...init.headers },
    signal: AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]),
  });

function raised(page: RaisedPage): InboundChange {
  return {
    key: `page:${page.id}`,
    apply: async (port: CorePort) => {
      await port.createTicket({
        subject: page.subject,
        body: page.body,
        requester: { email: page.email },
        externalReference: { system: PAGER, id: page.id },
      });
    },
  };
}

export const urgentPagerConnector = defineConnector({
  key: PAGER,
  displayName: 'Urgent pager',
  contractVersion: CONNECTOR_CONTRACT_VERSION,
  configSchema: urgentPagerConfig,
  consumes: ['ticket.urgent'],

  async deliver(context, { event, idempotencyKey }) {
    const { port, config } = context;
    // Port reads: the page thread this ticket already has here, and who to mention.
    const thread = (await port.listExternalReferences(event.aggregateId)).find((r) => r.system === PAGER);
    const leader = config.leaderEntraId
      ? await port.findUserByExternalIdentity({ system: 'entra', id: config.leaderEntraId })
      : null;
    const response = await expectOk(
      await call(context, '/pages', {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey },
        body: JSON.stringify({
          // Every ticket event carries the ticket's summary: the page is written from the event alone.
          text:
            'ticket' in event.payload
              ? `URGENTE #${event.payload.ticket.number}: ${event.payload.ticket.subject}`
              : 'URGENTE',
          thread: thread?.id ?? null,
          mention: leader?.active ? leader.displayName : null,
        }),
      }),
    );
    const { pageId } = z.object({ pageId: z.string().min(1) }).parse(await response.json());
    // State: committed with the delivery's outcome, read back by health.
    await port.state.put('lastPage', { pageId, at: event.occurredAt });
    // The platform links pageId to the ticket as this channel's reference: the next page threads.
    return { externalId: pageId };
  },

  poll: {
    intervalSeconds: 60,
    async poll(context, cursor) {
      // State beside the cursor: the service's ETag spares reading an unchanged feed.
      const etag = (await context.port.state.get('feedEtag')) as string | null;
      const response = await call(context, `/raised?after=${encodeURIComponent(cursor ?? '')}`, {
        headers: etag ? { 'if-none-match': etag } : {},
      });
      if (response.status === 304) return { changes: [], cursor };
      await expectOk(response);
      const pages = z.array(RaisedPage).parse(await response.json());
      await context.port.state.put('feedEtag', response.headers.get('etag'));
      return { changes: pages.map(raised), cursor: pages.at(-1)?.id ?? cursor };
    },
  },

  webhook: {
    // The address check (Graph-style `validationToken`) carries no body to authenticate and is harmless.
    verify: ({ config }, request) =>
      (request.method === 'POST' && typeof request.query.validationToken === 'string' && request.rawBody === '') ||
      request.headers['x-pager-token'] === config.apiToken,
    async receive(_context, request) {
      const token = request.query.validationToken;
      if (typeof token === 'string')
        return { changes: [], response: { status: 200, contentType: 'text/plain', body: token } };
      const { raised: pages } = z.object({ raised: z.array(RaisedPage) }).parse(JSON.parse(request.rawBody));
      return { changes: pages.map(raised), response: { status: 202, contentType: 'text/plain', body: '' } };
    },
  },

  async health(context) {
    const report = await probeHttpHealth(`${context.config.url}/pages`, {
      headers: { authorization: `Bearer ${context.config.apiToken}` },
      signal: context.signal,
    });
    const last = (await context.port.state.get('lastPage')) as { at: string } | null;
    return report.status === 'healthy' && last ? { ...report, detail: `last page at ${last.at}` } : report;
  },

  // An answer we cannot read is not going to improve with retries.
  translateError: (error) =>
    error instanceof SyntaxError || error instanceof z.ZodError
      ? ConnectorError.permanent(`the service sent something unreadable: ${error.message}`, error)
      : translateHttpError(error),
});
