import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.js';
import { PrincipalCache } from './principal-cache.js';

const principal = (tokenId: string, userId = 'u1'): Principal => ({
  userId,
  login: 'ana',
  displayName: 'Ana',
  roles: ['leader'],
  tokenId,
  tokenKind: 'session',
});

describe('PrincipalCache', () => {
  it('keeps a principal no longer than its time to live', () => {
    const cache = new PrincipalCache(5_000);
    cache.set('h1', principal('t1'), null, 1_000);
    expect(cache.get('h1', 5_999)?.tokenId).toBe('t1');
    expect(cache.get('h1', 6_000)).toBeUndefined();
  });

  it('never outlives the token itself', () => {
    const cache = new PrincipalCache(60_000);
    cache.set('h1', principal('t1'), new Date(2_000), 1_000);
    expect(cache.get('h1', 2_000)).toBeUndefined();
  });

  it('forgets revoked tokens and changed users at once', () => {
    const cache = new PrincipalCache(60_000);
    cache.set('h1', principal('t1', 'u1'), null);
    cache.set('h2', principal('t2', 'u2'), null);
    cache.forget((p) => p.tokenId === 't1');
    expect(cache.get('h1')).toBeUndefined();
    cache.forget((p) => p.userId === 'u2');
    expect(cache.get('h2')).toBeUndefined();
  });

  it('caches nothing when disabled', () => {
    const cache = new PrincipalCache(0);
    cache.set('h1', principal('t1'), null);
    expect(cache.get('h1')).toBeUndefined();
  });
});
