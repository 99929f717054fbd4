import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old a signed request may be: long enough for clock skew and retries, short enough to stop replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function digestOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * `X-Escala-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver recomputes
 * it with the shared secret, and the timestamp lets it refuse replays of old deliveries.
 */
export function signatureHeader(secret: string, body: string, at: Date = new Date()): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${digestOf(secret, timestamp, body)}`;
}

/** Checks a signature made by {@link signatureHeader} over exactly `body`, within the tolerance. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  now: Date = new Date(),
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header?.trim() ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  return timingSafeEqual(Buffer.from(match[2]!, 'hex'), Buffer.from(digestOf(secret, timestamp, body), 'hex'));
}
