import { createHmac } from 'node:crypto';
import { FakeHttpReceiver, InMemoryCorePort, sampleEvent } from '@escala/connector-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookConnector } from './webhook.connector.js';
import { signatureHeader, verifySignature } from './webhook-signature.js';

describe('webhook deliveries a receiver can trust', () => {
  let receiver: FakeHttpReceiver;
  beforeAll(async () => {
    receiver = await FakeHttpReceiver.start();
  });
  afterAll(() => receiver.stop());

  it('signs the exact body with the shared secret and names the event', async () => {
    const signingSecret = 'shared-secret-of-sixteen';
    const event = sampleEvent({ type: 'sla.warning' });
    const config = webhookConnector.configSchema.parse({ url: receiver.url, signingSecret });
    await webhookConnector.deliver!(
      { channelId: 'c', config, signal: AbortSignal.timeout(5000), port: new InMemoryCorePort() },
      { event, idempotencyKey: 'k-1', attempt: 1 },
    );

    const request = receiver.deliveries().at(-1)!;
    expect(request.headers['x-escala-event']).toBe('sla.warning');
    expect(JSON.parse(request.body)).toEqual(event);
    const [, timestamp, digest] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers['x-escala-signature']))!;
    expect(createHmac('sha256', signingSecret).update(`${timestamp}.${request.body}`).digest('hex')).toBe(digest);
  });

  it('sends no signature when no secret is configured', async () => {
    const config = webhookConnector.configSchema.parse({ url: receiver.url });
    await webhookConnector.deliver!(
      { channelId: 'c', config, signal: AbortSignal.timeout(5000), port: new InMemoryCorePort() },
      { event: sampleEvent(), idempotencyKey: 'k-2', attempt: 1 },
    );
    expect(receiver.deliveries().at(-1)!.headers['x-escala-signature']).toBeUndefined();
  });
});

describe('inbound signatures', () => {
  const secret = 'shared-secret-of-sixteen';
  const body = '{"id":"d-1"}';
  const now = new Date('2026-11-23T12:00:00Z');

  it('accepts the signature of the exact body within five minutes', () => {
    expect(verifySignature(secret, body, signatureHeader(secret, body, new Date(now.getTime() - 299_000)), now)).toBe(
      true,
    );
  });

  it.each([
    ['another body', signatureHeader(secret, `${body} `, now)],
    ['another secret', signatureHeader('another-secret-of-sixteen', body, now)],
    ['an old signature (replay)', signatureHeader(secret, body, new Date(now.getTime() - 301_000))],
    ['no signature', undefined],
    ['a malformed header', 'v1=abc'],
  ])('refuses %s', (_name, header) => {
    expect(verifySignature(secret, body, header, now)).toBe(false);
  });
});
