const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** JSON as stored (instants as ISO strings) back to the domain's shapes with Dates. */
export function revive<T>(stored: Record<string, unknown> | null | undefined): T | null {
  if (!stored) return null;
  return JSON.parse(JSON.stringify(stored), (_key, value) =>
    typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : value,
  ) as T;
}

/** A domain value as a JSON column stores it: Dates become ISO strings, `undefined` fields disappear. */
export function toStored(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
