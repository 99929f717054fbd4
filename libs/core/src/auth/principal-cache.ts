import type { Principal } from './principal.js';

interface Entry {
  principal: Principal;
  until: number;
}

/**
 * Remembers resolved bearer tokens for a few seconds so a busy client does not cost a database
 * round trip per request. Revocations and user changes made through this instance apply at once;
 * those made through another instance apply when the entry expires (`ttlMs`).
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.principal;
    this.entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, principal: Principal, tokenExpiresAt: Date | null, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    const until = Math.min(now + this.ttlMs, tokenExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
    this.entries.set(tokenHash, { principal, until });
  }

  forget(match: (principal: Principal) => boolean): void {
    for (const [hash, entry] of this.entries) if (match(entry.principal)) this.entries.delete(hash);
  }
}
