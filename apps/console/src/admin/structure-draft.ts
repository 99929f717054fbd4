import type { Answer } from '../api/models';

export type Structure = Answer<'/support-structure', 'get'>['structure'];
export type Unit = Structure['units'][number];

/*
 * Edits of a structure draft as pure functions: the editor keeps one draft object and replaces it
 * on every change, so "what changed" is always the server's comparison of two whole definitions.
 */

export function updateUnit(draft: Structure, index: number, patch: Partial<Unit>): Structure {
  return { ...draft, units: draft.units.map((unit, i) => (i === index ? { ...unit, ...patch } : unit)) };
}

/** The unit that receives a category's new tickets, or null when the entry unit does (no unit claims it). */
export function categoryOwner(draft: Structure, category: string): string | null {
  return draft.units.find((unit) => unit.categories.includes(category))?.key ?? null;
}

/** Sends a category's new tickets to `unitKey` (null: to the entry unit); a category has one owner at most. */
export function routeCategory(draft: Structure, category: string, unitKey: string | null): Structure {
  return {
    ...draft,
    units: draft.units.map((unit) => {
      const without = unit.categories.filter((key) => key !== category);
      return { ...unit, categories: unit.key === unitKey ? [...without, category] : without };
    }),
  };
}

/** A new unit with no targets, routes or escalation paths, placed last. */
export function addUnit(draft: Structure, key: string): Structure {
  const unit: Unit = {
    key,
    kind: 'tier',
    name: key,
    tier: key,
    stage: null,
    talksToCustomers: true,
    firstResponseHours: null,
    analysisHours: null,
    categories: [],
    escalatesTo: [],
  };
  return { ...draft, units: [...draft.units, unit] };
}

/**
 * Removes a unit and the escalation paths into it; its categories go back to the entry unit. An
 * entry or SPOC unit that pointed at it is left as is, for the server to name.
 */
export function removeUnit(draft: Structure, index: number): Structure {
  const removed = draft.units[index]?.key;
  return {
    ...draft,
    units: draft.units
      .filter((_, i) => i !== index)
      .map((unit) => ({ ...unit, escalatesTo: unit.escalatesTo.filter((key) => key !== removed) })),
  };
}

/** A number input's value as a target: empty means "no target" (null), anything else is sent as typed. */
export function hoursOf(value: string | number): number | null {
  if (value === '') return null;
  return typeof value === 'number' ? value : Number(value);
}

/** The request path the server names in a refusal for one field of one unit. */
export const unitField = (index: number, field: keyof Unit) => `definition.units.${index}.${field}`;

/** Every field the editor shows next to its input, so the refusal's summary lists only the rest. */
export function shownFields(draft: Structure): string[] {
  const unitFields: (keyof Unit)[] = [
    'key',
    'kind',
    'name',
    'tier',
    'stage',
    'firstResponseHours',
    'analysisHours',
    'escalatesTo',
  ];
  return [
    'definition.name',
    'definition.entryUnit',
    'definition.spocUnit',
    ...draft.units.flatMap((_, index) => unitFields.map((field) => unitField(index, field))),
  ];
}

type ChangedValue = Answer<'/support-structure/preview', 'post'>['changes'][number]['before'];

/** A value of the change list as a person reads it: lists joined, both labels, "—" for nothing. */
export function formatChangeValue(value: ChangedValue, yes: string, no: string): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'object') return `${value['pt-BR']} / ${value.en}`;
  return String(value);
}
