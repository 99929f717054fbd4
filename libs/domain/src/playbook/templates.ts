import Mustache from 'mustache';

/** Customer-facing texts are pt-BR first, with an English variant (common brief). */
export const LOCALES = ['pt-BR', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'pt-BR';

export type Localized = Readonly<Record<Locale, string>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** One text of the playbook: a key, the variables it may use, and its body in each locale. */
export interface TemplateDefinition {
  readonly key: string;
  readonly description: string;
  /** Every variable (dotted paths; `list[].field` inside a list section) an admin may use in the body. */
  readonly variables: readonly string[];
  readonly body: Localized;
}

/** An admin's replacement of one template in one locale (persisted by the core). */
export interface TemplateOverride {
  readonly key: string;
  readonly locale: Locale;
  readonly body: string;
}

export interface TemplateSource {
  readonly definitions: readonly TemplateDefinition[];
  readonly overrides?: readonly TemplateOverride[];
}

export type TemplateView = Readonly<Record<string, unknown>>;

export class UnknownTemplateError extends Error {
  constructor(readonly key: string) {
    super(`Unknown template "${key}"`);
    this.name = 'UnknownTemplateError';
  }
}

/** Rendering refuses to send a reply with a hole in it: every missing variable is named. */
export class MissingTemplateVariablesError extends Error {
  constructor(
    readonly key: string,
    readonly locale: Locale,
    readonly missing: readonly string[],
  ) {
    super(`Template "${key}" (${locale}) is missing: ${missing.join(', ')}`);
    this.name = 'MissingTemplateVariablesError';
  }
}

export class InvalidTemplateBodyError extends Error {
  constructor(
    readonly key: string,
    readonly problems: readonly string[],
  ) {
    super(`Template "${key}" is invalid: ${problems.join('; ')}`);
    this.name = 'InvalidTemplateBodyError';
  }
}

export function findTemplateDefinition(source: TemplateSource, key: string): TemplateDefinition {
  const definition = source.definitions.find((candidate) => candidate.key === key);
  if (!definition) throw new UnknownTemplateError(key);
  return definition;
}

/** The body in force: an admin override wins over the shipped default of the same key and locale. */
export function resolveTemplateBody(source: TemplateSource, key: string, locale: Locale): string {
  const definition = findTemplateDefinition(source, key);
  const override = source.overrides?.find((candidate) => candidate.key === key && candidate.locale === locale);
  return override?.body ?? definition.body[locale];
}

/** Replies are plain text: values are inserted verbatim; a channel that sends HTML escapes the whole text itself. */
const PLAIN_TEXT = { escape: (value: unknown) => String(value) };

export function renderTemplate(source: TemplateSource, key: string, locale: Locale, view: TemplateView): string {
  return renderBody(key, locale, resolveTemplateBody(source, key, locale), view);
}

/** Renders a text that lives in configuration data (e.g. an entitlement rule) rather than in the catalogue. */
export function renderLocalized(text: Localized, locale: Locale, view: TemplateView, name: string): string {
  return renderBody(name, locale, text[locale], view);
}

function renderBody(key: string, locale: Locale, body: string, view: TemplateView): string {
  const missing = missingVariables(Mustache.parse(body), new Mustache.Context(view), '');
  if (missing.length > 0) throw new MissingTemplateVariablesError(key, locale, [...new Set(missing)]);
  return Mustache.render(body, view, {}, PLAIN_TEXT);
}

/**
 * Checks an admin's body before it is saved: it must parse, use only the template's variables and no
 * partials (a template is self-contained so an edit of one never changes another).
 */
export function validateTemplateBody(definition: TemplateDefinition, body: string): void {
  let tokens: Mustache.TemplateSpans;
  try {
    tokens = Mustache.parse(body);
  } catch (error) {
    throw new InvalidTemplateBodyError(definition.key, [(error as Error).message]);
  }
  const problems = usedVariables(tokens, ['']).flatMap(({ name, candidates }) => {
    if (name.startsWith('>')) return [`partials are not allowed (${name})`];
    return candidates.some((candidate) => definition.variables.includes(candidate))
      ? []
      : [`unknown variable "${candidates[0]}"`];
  });
  if (problems.length > 0) throw new InvalidTemplateBodyError(definition.key, [...new Set(problems)]);
}

type Token = Mustache.TemplateSpans[number];

function childrenOf(token: Token): Mustache.TemplateSpans {
  return (token[4] as Mustache.TemplateSpans | undefined) ?? [];
}

/** Each variable with the names it may resolve to: like Mustache, an inner section falls back to the outer ones. */
function usedVariables(
  tokens: Mustache.TemplateSpans,
  scopes: readonly string[],
): { name: string; candidates: string[] }[] {
  return tokens.flatMap((token) => {
    const [type, name] = token;
    const used = { name, candidates: scopes.map((scope) => scope + name) };
    if (type === 'name' || type === '&') return [used];
    if (type === '>') return [{ name: `>${name}`, candidates: [] }];
    if (type === '#') return [used, ...usedVariables(childrenOf(token), [`${scopes[0]}${name}[].`, ...scopes])];
    if (type === '^') return [used, ...usedVariables(childrenOf(token), scopes)];
    return [];
  });
}

/** Walks the template the way Mustache renders it, naming each variable that resolves to nothing. */
function missingVariables(tokens: Mustache.TemplateSpans, context: Mustache.Context, prefix: string): string[] {
  return tokens.flatMap((token) => {
    const [type, name] = token;
    if (type === '>') return [`>${name}`];
    if (type !== 'name' && type !== '&' && type !== '#' && type !== '^') return [];
    const value = context.lookup(name);
    if (value === undefined || value === null) return [prefix + name];
    if (type === '#') {
      const itemPrefix = `${prefix}${name}[].`;
      if (Array.isArray(value))
        return value.flatMap((item) => missingVariables(childrenOf(token), context.push(item), itemPrefix));
      return value ? missingVariables(childrenOf(token), context.push(value), itemPrefix) : [];
    }
    if (type === '^') {
      const empty = !value || (Array.isArray(value) && value.length === 0);
      return empty ? missingVariables(childrenOf(token), context, prefix) : [];
    }
    return [];
  });
}
