import { ConnectorError } from '@escala/connector-kit';
import { connectorContractTests, FakeHttpReceiver, webhookRequest } from '@escala/connector-kit/testing';
import { webhookConnector } from './webhook.connector.js';
import { signatureHeader } from './webhook-signature.js';

connectorContractTests(webhookConnector, {
  async startService() {
    const receiver = await FakeHttpReceiver.start();
    return {
      config: {
        url: receiver.url,
        apiToken: 'token-for-contract-tests',
        signingSecret: 'signing-secret-for-contract-tests',
      },
      effects: (key) => receiver.appliedKeys().filter((applied) => applied === key).length,
      stop: () => receiver.stop(),
    };
  },
  invalidConfigs: [
    { config: {}, field: 'url' },
    { config: { url: 'ftp://example.test' }, field: 'url' },
    { config: { url: 'https://example.test', apiToken: 'short' }, field: 'apiToken' },
    { config: { url: 'https://example.test', signingSecret: 'short' }, field: 'signingSecret' },
  ],
  vendorErrors: [
    { name: 'a network failure', error: new TypeError('fetch failed'), kind: 'temporary' },
    { name: 'a time-out', error: new DOMException('timed out', 'TimeoutError'), kind: 'temporary' },
    { name: 'our own error', error: ConnectorError.authentication('expired'), kind: 'authentication' },
  ],
  speaksHttp: true,
  webhook: {
    request(config) {
      const rawBody = JSON.stringify({
        id: 'delivery-1',
        type: 'ticket.create',
        reference: 'P-1',
        ticket: { subject: 'Boleto', body: 'Não gera', category: 'financeiro' },
      });
      return webhookRequest({
        headers: { 'x-escala-signature': signatureHeader(config.signingSecret!, rawBody) },
        rawBody,
      });
    },
    unreadableBody: '{"id": "delivery-2", "type": "ticket.explode"}',
  },
});
