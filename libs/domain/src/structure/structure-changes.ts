import type { Category, SupportStructure, SupportUnit } from './support-structure.js';

type Value = string | number | boolean | null | string[] | Category['label'];

/**
 * One difference between two structure versions, as an admin reviews it before saving: what
 * (`structure`, a unit or a category by key), which field, and the value before and after
 * (`null` before for an addition, `null` after for a removal).
 */
export interface StructureChange {
  subject: 'structure' | 'unit' | 'category';
  key: string | null;
  change: 'added' | 'removed' | 'changed';
  field: string | null;
  before: Value;
  after: Value;
}

const STRUCTURE_FIELDS = ['name', 'entryUnit', 'spocUnit'] as const;
const UNIT_FIELDS = [
  'kind',
  'name',
  'tier',
  'stage',
  'talksToCustomers',
  'firstResponseHours',
  'analysisHours',
  'categories',
  'escalatesTo',
] as const satisfies readonly (keyof SupportUnit)[];

// Key order is not meaning: a definition read back from a jsonb column has its keys reordered.
function same(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b))
    return a['pt-BR'] === b['pt-BR'] && a.en === b.en;
  return a === b;
}

/** What saving `after` over `before` changes: units and categories matched by key, field by field. */
export function structureChanges(before: SupportStructure | null, after: SupportStructure): StructureChange[] {
  const changes: StructureChange[] = [];
  for (const field of STRUCTURE_FIELDS) {
    const old = before ? before[field] : null;
    if (!same(old, after[field]))
      changes.push({ subject: 'structure', key: null, change: 'changed', field, before: old, after: after[field] });
  }
  changes.push(
    ...keyed(
      'category',
      before?.categories ?? [],
      after.categories,
      (category) => category.label,
      (old, now) => (same(old.label, now.label) ? [] : [{ field: 'label', before: old.label, after: now.label }]),
    ),
  );
  changes.push(
    ...keyed(
      'unit',
      before?.units ?? [],
      after.units,
      (unit) => unit.name,
      (old, now) =>
        UNIT_FIELDS.filter((field) => !same(old[field], now[field])).map((field) => ({
          field,
          before: old[field],
          after: now[field],
        })),
    ),
  );
  return changes;
}

function keyed<T extends { key: string }>(
  subject: 'unit' | 'category',
  before: readonly T[],
  after: readonly T[],
  summary: (item: T) => Value,
  fields: (old: T, now: T) => { field: string; before: Value; after: Value }[],
): StructureChange[] {
  const old = new Map(before.map((item) => [item.key, item]));
  const now = new Map(after.map((item) => [item.key, item]));
  const changes: StructureChange[] = [];
  for (const item of after) {
    const previous = old.get(item.key);
    if (!previous)
      changes.push({ subject, key: item.key, change: 'added', field: null, before: null, after: summary(item) });
    else
      for (const difference of fields(previous, item))
        changes.push({ subject, key: item.key, change: 'changed', ...difference });
  }
  for (const item of before)
    if (!now.has(item.key))
      changes.push({ subject, key: item.key, change: 'removed', field: null, before: summary(item), after: null });
  return changes;
}
