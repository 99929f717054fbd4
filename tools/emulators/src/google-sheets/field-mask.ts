/**
 * Google partial responses (`?fields=`): `a,b/c,b.c,d(e,f)`, `*` for everything. A field the resource
 * does not have at the moment is simply absent, as with the real API.
 */
type Mask = Map<string, Mask | true>;

export function parseFieldMask(text: string): Mask {
  let position = 0;
  const list = (): Mask => {
    const mask: Mask = new Map();
    for (;;) {
      const match = /^[A-Za-z0-9_*]+([/.][A-Za-z0-9_*]+)*/.exec(text.slice(position));
      if (!match) throw new Error(`Invalid field selection ${text}`);
      position += match[0].length;
      let sub: Mask | true = true;
      if (text[position] === '(') {
        position += 1;
        sub = list();
        if (text[position] !== ')') throw new Error(`Invalid field selection ${text}`);
        position += 1;
      }
      const names = match[0].split(/[/.]/);
      const leaf = names.pop()!;
      let target = mask;
      for (const name of names) {
        const next = target.get(name);
        const nested: Mask = next instanceof Map ? next : new Map();
        target.set(name, nested);
        target = nested;
      }
      target.set(leaf, sub);
      if (text[position] !== ',') return mask;
      position += 1;
      while (text[position] === ' ') position += 1;
    }
  };
  const mask = list();
  if (position !== text.length) throw new Error(`Invalid field selection ${text}`);
  return mask;
}

/** Names in the top level of a mask (to check them against a resource's known fields). */
export function topLevelFields(mask: Mask): string[] {
  return [...mask.keys()];
}

export function applyFieldMask(value: unknown, mask: Mask | true): unknown {
  if (mask === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => applyFieldMask(item, mask));
  if (mask.has('*')) return value;
  const result: Record<string, unknown> = {};
  for (const [name, sub] of mask) {
    const field = (value as Record<string, unknown>)[name];
    if (field !== undefined) result[name] = applyFieldMask(field, sub);
  }
  return result;
}
