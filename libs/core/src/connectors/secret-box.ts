import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';

export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

/** Reads a 256-bit key written as base64 (`openssl rand -base64 32`) or 64 hex digits. */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new SecretKeyError('a secret key must be 32 bytes, written as base64 or 64 hex digits');
  return key;
}

export function generateSecretKey(): string {
  return randomBytes(32).toString('base64');
}

/** A short public fingerprint of a key, stored with each ciphertext so we know which key opens it. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * AES-256-GCM sealing of a channel's secret fields. The envelope names the key it was sealed with,
 * so older keys can still open it during a rotation; the channel id is bound in as associated data,
 * so a ciphertext copied onto another channel does not open.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(
    private readonly current: Buffer,
    previous: Buffer[] = [],
  ) {
    this.currentKeyId = keyId(current);
    this.keys = new Map([...previous, current].map((key) => [keyId(key), key]));
  }

  seal(secrets: Record<string, unknown>, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.current, iv).setAAD(Buffer.from(boundTo));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return [VERSION, this.currentKeyId, ...parts].join('.');
  }

  open(envelope: string, boundTo: string): Record<string, unknown> {
    const [version, id, iv, tag, ciphertext] = envelope.split('.');
    if (version !== VERSION || !id || !iv || !tag || ciphertext === undefined)
      throw new SecretKeyError('unreadable secret envelope');
    const key = this.keys.get(id);
    if (!key)
      throw new SecretKeyError(
        `sealed with key ${id}, which is not configured (ESCALA_SECRET_KEY / ESCALA_SECRET_KEY_PREVIOUS)`,
      );
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(boundTo))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
  }

  sealedWith(envelope: string): string | undefined {
    return envelope.split('.')[1];
  }

  canOpen(envelope: string): boolean {
    const id = this.sealedWith(envelope);
    return id !== undefined && this.keys.has(id);
  }
}
