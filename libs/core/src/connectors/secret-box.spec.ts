import { describe, expect, it } from 'vitest';
import { generateSecretKey, parseSecretKey, SecretBox, SecretKeyError } from './secret-box.js';

const oldKey = parseSecretKey(generateSecretKey());
const newKey = parseSecretKey(generateSecretKey());

describe('SecretBox', () => {
  it('seals so that the ciphertext shows nothing of the secret, and opens it again', () => {
    const box = new SecretBox(newKey);
    const envelope = box.seal({ apiToken: 'tok-very-secret-123' }, 'channel-1');
    expect(envelope).not.toContain('tok-very-secret');
    expect(envelope).not.toContain(Buffer.from('tok-very-secret-123').toString('base64'));
    expect(box.open(envelope, 'channel-1')).toEqual({ apiToken: 'tok-very-secret-123' });
  });

  it('never produces the same ciphertext twice', () => {
    const box = new SecretBox(newKey);
    expect(box.seal({ a: 'x' }, 'c')).not.toBe(box.seal({ a: 'x' }, 'c'));
  });

  it('refuses a ciphertext moved onto another channel, or tampered with', () => {
    const box = new SecretBox(newKey);
    const envelope = box.seal({ a: 'x' }, 'channel-1');
    expect(() => box.open(envelope, 'channel-2')).toThrow();
    const tampered = envelope.slice(0, -2) + (envelope.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered, 'channel-1')).toThrow();
  });

  it('opens with a previous key during a rotation, and says when a key is missing', () => {
    const sealedWithOld = new SecretBox(oldKey).seal({ a: 'x' }, 'c');
    const rotating = new SecretBox(newKey, [oldKey]);
    expect(rotating.canOpen(sealedWithOld)).toBe(true);
    expect(rotating.open(sealedWithOld, 'c')).toEqual({ a: 'x' });
    expect(rotating.sealedWith(sealedWithOld)).not.toBe(rotating.currentKeyId);
    expect(() => new SecretBox(newKey).open(sealedWithOld, 'c')).toThrow(SecretKeyError);
  });

  it.each(['', 'short', 'z'.repeat(64)])('refuses the key %j', (text) => {
    expect(() => parseSecretKey(text)).toThrow(SecretKeyError);
  });

  it('accepts hex keys', () => {
    expect(parseSecretKey(newKey.toString('hex'))).toEqual(newKey);
  });
});
