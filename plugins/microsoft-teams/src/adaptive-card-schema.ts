import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { z } from 'zod';

/** The Adaptive Card version Teams renders on desktop and web; newer cards show a fallback text. */
export const TEAMS_CARD_VERSION = '1.5';

export type AdaptiveCard = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

/** The Teams extension of a card (mentions inside the card), documented by Teams, not in the schema. */
const TeamsExtension = z.strictObject({
  width: z.literal('Full').optional(),
  entities: z
    .array(
      z.strictObject({
        type: z.literal('mention'),
        text: z.string().regex(/^<at>[^<]+<\/at>$/, 'is <at>Name</at>'),
        mentioned: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }),
      }),
    )
    .optional(),
});

// ajv-formats is CommonJS: its default import is `module.exports`, which carries the plugin as `default`.
const addFormats = addFormatsModule.default;

function compile() {
  const published = JSON.parse(
    readFileSync(new URL('../schemas/adaptive-card-1.5.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  // The published schema names itself with draft-04's `id`; Ajv 8 reads only `$id`.
  const { id, $schema: _draft, ...schema } = published;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $id: id as string });
}

/** A card the schema refuses: a bug in how Escala builds it, never worth another attempt. */
export class InvalidCardError extends Error {
  override name = 'InvalidCardError';
}

let validator: ReturnType<typeof compile> | undefined;

function describe(errors: ErrorObject[]): string {
  // anyOf failures repeat every branch's complaint; the most specific (deepest) ones say what is wrong.
  const deepest = Math.max(...errors.map((error) => error.instancePath.length));
  return errors
    .filter((error) => error.instancePath.length === deepest)
    .slice(0, 3)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`)
    .join('; ');
}

/** Throws when the card is not a valid Adaptive Card of the version Teams renders. */
export function assertValidCard(card: AdaptiveCard): void {
  validator ??= compile();
  const { msteams, ...published } = card;
  if (published.version !== TEAMS_CARD_VERSION)
    throw new InvalidCardError(`card version ${String(published.version)}: Teams renders ${TEAMS_CARD_VERSION}`);
  if (!validator(published)) throw new InvalidCardError(`invalid Adaptive Card: ${describe(validator.errors ?? [])}`);
  const extension = TeamsExtension.safeParse(msteams ?? {});
  if (!extension.success)
    throw new InvalidCardError(`invalid Adaptive Card msteams: ${extension.error.issues[0]!.message}`);
}
