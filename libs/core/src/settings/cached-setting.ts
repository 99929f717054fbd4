/** How long each instance keeps settings it reads on every ticket change (the active structure, the calendar). */
export const SETTINGS_CACHE_MS = Symbol('SETTINGS_CACHE_MS');

/**
 * One setting loaded on demand and kept for `ttlMs`, so a busy desk does not pay a database round
 * trip per ticket for data that changes a few times a year. Saves made through this instance call
 * `forget()` once committed and apply at once; saves made through another instance apply when the
 * value expires. Concurrent callers share one load; a load that started before a `forget()` is
 * returned to its callers but not kept.
 */
export class CachedSetting<T> {
  private kept: { value: Promise<T>; until: number } | null = null;
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
  ) {}

  get(now = Date.now()): Promise<T> {
    if (this.ttlMs <= 0) return this.load();
    if (this.kept && this.kept.until > now) return this.kept.value;
    const generation = this.generation;
    const value = this.load();
    this.kept = { value, until: now + this.ttlMs };
    const drop = (stale: boolean) => {
      if (stale && this.kept?.value === value) this.kept = null;
    };
    value.then(
      () => drop(generation !== this.generation),
      () => drop(true),
    );
    return value;
  }

  forget(): void {
    this.generation++;
    this.kept = null;
  }
}
