import Mustache from 'mustache';
import { Refusal } from '../refusal/refusal.js';
import { LOCALES, type Locale } from '../playbook/templates.js';
import {
  HISTORY_MESSAGES,
  VALUE_LABELS,
  type HistoryMessage,
  type HistoryMessageDefinition,
  type HistoryMessageKey,
  type HistoryMessageValues,
  type ValueKind,
} from './history-messages.js';

/** A line of the catalogue, typed by its key: `historyMessage('ticket.taken', { agent: 'Ana' })`. */
export function historyMessage<K extends HistoryMessageKey>(key: K, values: HistoryMessageValues<K>): HistoryMessage {
  return { key, values } as HistoryMessage;
}

const definitionOf = (key: HistoryMessageKey): HistoryMessageDefinition => HISTORY_MESSAGES[key];

// History lines are plain text; a reader that shows HTML escapes the whole line itself.
const PLAIN_TEXT = { escape: (value: unknown) => String(value) };

/** The line in one locale, every code shown through its label. */
export function renderHistoryMessage(message: HistoryMessage, locale: Locale): string {
  const definition = definitionOf(message.key);
  const values = message.values as Readonly<Record<string, unknown>>;
  const view = Object.fromEntries(
    Object.entries(definition.values).map(([name, spec]) => [name, shown(spec.kind, values[name], locale)]),
  );
  return Mustache.render(definition.body[locale], view, {}, PLAIN_TEXT);
}

function shown(kind: ValueKind, value: unknown, locale: Locale): string | null {
  if (value === undefined || value === null) return null;
  switch (kind) {
    case 'text':
      return value as string;
    case 'number':
      return String(value);
    case 'unit':
      return (value as { name: string }).name;
    case 'localized':
      return (value as Readonly<Record<Locale, string>>)[locale];
    default:
      return (VALUE_LABELS[kind] as Readonly<Record<string, Readonly<Record<Locale, string>>>>)[value as string]![
        locale
      ];
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function problemOf(kind: ValueKind, value: unknown): string | null {
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? null : 'must be a text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'unit':
      return isRecord(value) && typeof value.key === 'string' && typeof value.name === 'string'
        ? null
        : 'must be a unit ({ key, name })';
    case 'localized':
      return isRecord(value) && LOCALES.every((locale) => typeof value[locale] === 'string')
        ? null
        : `must have a text for each of ${LOCALES.join(', ')}`;
    default: {
      const codes = Object.keys(VALUE_LABELS[kind]);
      return typeof value === 'string' && codes.includes(value) ? null : `must be one of ${codes.join(', ')}`;
    }
  }
}

/**
 * Checks a key and values that come from outside the type system (a connector's line, a stored row)
 * against the catalogue: a known key, every required value of its kind, nothing else.
 */
export function parseHistoryMessage(key: unknown, values: unknown): HistoryMessage {
  if (typeof key !== 'string' || !Object.hasOwn(HISTORY_MESSAGES, key))
    throw Refusal.invalid('message.key', `unknown history message "${String(key)}"`);
  if (!isRecord(values)) throw Refusal.invalid('message.values', 'must be an object');
  const specs = definitionOf(key as HistoryMessageKey).values;
  for (const name of Object.keys(values))
    if (!Object.hasOwn(specs, name)) throw Refusal.invalid(`message.values.${name}`, `"${key}" has no value "${name}"`);
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name];
    if ((value === undefined || value === null) && spec.optional) continue;
    const problem = value === undefined || value === null ? 'is required' : problemOf(spec.kind, value);
    if (problem) throw Refusal.invalid(`message.values.${name}`, problem);
  }
  return { key, values } as HistoryMessage;
}
