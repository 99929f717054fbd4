/** A state key naming an address: `@` and anything else a key may not hold written as `:hex`. */
export function addressKey(prefix: string, address: string): string {
  const escaped = address.replace(/[^a-zA-Z0-9._-]/g, (c) => `:${c.charCodeAt(0).toString(16)}`);
  return `${prefix}:${escaped}`.slice(0, 200);
}
