import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../src/index.js';
import { connectorContractTests, InMemoryCorePort, sampleEvent, webhookRequest } from '../../src/testing/index.js';
import { PAGER, urgentPagerConnector } from './urgent-pager.connector.js';

const TOKEN = 'pager-token-for-tests';
const LEADER = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';

/** A strict fake of the pager service: pages by idempotency key, a feed of raised pages with an ETag. */
async function startPager() {
  const pages = new Map<string, { pageId: string; body: unknown; count: number }>();
  const raised: Array<{ id: string; subject: string; body: string; email: string }> = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://pager');
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body && JSON.stringify(body));
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { error: 'token' });
    if (url.pathname === '/pages' && request.method === 'GET') return send(200, { ok: true });
    if (url.pathname === '/pages' && request.method === 'POST') {
      const key = String(request.headers['idempotency-key']);
      const page = pages.get(key) ?? {
        pageId: `page-${pages.size + 1}`,
        body: JSON.parse(Buffer.concat(chunks).toString()),
        count: 0,
      };
      page.count += 1;
      pages.set(key, page);
      return send(201, { pageId: page.pageId });
    }
    if (url.pathname === '/raised' && request.method === 'GET') {
      const etag = `"${raised.length}"`;
      if (request.headers['if-none-match'] === etag) return send(304);
      const after = url.searchParams.get('after');
      const from = after ? raised.findIndex((p) => p.id === after) + 1 : 0;
      return send(200, raised.slice(from), { etag });
    }
    send(500, { error: `unexpected ${request.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pages,
    raised,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

connectorContractTests(urgentPagerConnector, {
  async startService() {
    const pager = await startPager();
    return {
      config: { url: pager.url, apiToken: TOKEN, leaderEntraId: LEADER },
      effects: (key) => (pager.pages.has(key) ? 1 : 0),
      async addInboundItem() {
        const n = pager.raised.length + 1;
        pager.raised.push({
          id: `r-${n}`,
          subject: `Plantão ${n}`,
          body: 'Sistema parado',
          email: 'ana@exemplo.com.br',
        });
      },
      stop: pager.stop,
    };
  },
  invalidConfigs: [
    { config: { apiToken: TOKEN }, field: 'url' },
    { config: { url: 'https://pager.test', apiToken: 'short' }, field: 'apiToken' },
    {
      config: { url: 'https://pager.test', apiToken: TOKEN, leaderEntraId: 'ana@exemplo.com' },
      field: 'leaderEntraId',
    },
  ],
  vendorErrors: [
    { name: 'an unreadable answer', error: new SyntaxError('Unexpected token'), kind: 'permanent' },
    { name: 'our own error', error: ConnectorError.authentication('expired'), kind: 'authentication' },
  ],
  speaksHttp: true,
  seedPort(port) {
    port.addUser({ displayName: 'Ana (líder N1)', identities: [{ system: 'entra', id: LEADER.toUpperCase() }] });
  },
  webhook: {
    request: (config) =>
      webhookRequest({
        headers: { 'x-pager-token': config.apiToken },
        rawBody: JSON.stringify({
          raised: [{ id: 'w-1', subject: 'Pelo webhook', body: '…', email: 'ana@exemplo.com.br' }],
        }),
      }),
    unreadableBody: '{"raised": "not a list"}',
    // The pager proves itself with the channel's token, as Graph does with clientState.
    signsBody: false,
    handshake: {
      request: () => webhookRequest({ query: { validationToken: 'Validation: token 123' }, rawBody: '' }),
      response: { status: 200, contentType: 'text/plain', body: 'Validation: token 123' },
    },
  },
});

describe('the worked example reads through the port', () => {
  it('mentions the leader found by Entra id, threads on the ticket reference, and keeps the last page in state', async () => {
    const pager = await startPager();
    try {
      const port = new InMemoryCorePort();
      port.addUser({ displayName: 'Ana', identities: [{ system: 'entra', id: LEADER }] });
      const { id: ticketId } = await port.createTicket({ subject: 'Busca NF-e parada', body: '' });
      await port.linkExternalReference(ticketId, { system: PAGER, id: 'page-earlier' });
      const context = {
        channelId: 'c',
        config: urgentPagerConnector.configSchema.parse({ url: pager.url, apiToken: TOKEN, leaderEntraId: LEADER }),
        signal: AbortSignal.timeout(5000),
        port,
      };
      const event = sampleEvent({ aggregateId: ticketId });
      const receipt = await urgentPagerConnector.deliver!(context, { event, idempotencyKey: 'k', attempt: 1 });
      expect([...pager.pages.values()][0]!.body).toEqual({
        text: `URGENTE #${event.payload.ticket.number}: ${event.payload.ticket.subject}`,
        thread: 'page-earlier',
        mention: 'Ana',
      });
      expect(await port.state.get('lastPage')).toEqual({ pageId: receipt.externalId, at: event.occurredAt });
      expect(await urgentPagerConnector.health(context)).toEqual({
        status: 'healthy',
        detail: `last page at ${event.occurredAt}`,
      });
    } finally {
      await pager.stop();
    }
  });
});
