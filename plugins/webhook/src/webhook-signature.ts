import { createHmac } from 'node:crypto';

/**
 * `X-Escala-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver recomputes
 * it with the shared secret, and the timestamp lets it refuse replays of old deliveries.
 */
export function signatureHeader(secret: string, body: string, at: Date = new Date()): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}
