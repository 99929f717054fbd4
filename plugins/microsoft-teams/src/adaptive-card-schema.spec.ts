import { describe, expect, it } from 'vitest';
import { assertValidCard, TEAMS_CARD_VERSION, type AdaptiveCard } from './adaptive-card-schema.js';

const card = (body: unknown[], extra: Record<string, unknown> = {}): AdaptiveCard => ({
  type: 'AdaptiveCard',
  version: TEAMS_CARD_VERSION,
  body,
  ...extra,
});

describe('the Adaptive Card schema Teams renders (1.5, published schema checked in)', () => {
  it('accepts a card with text, facts and an OpenUrl button', () => {
    expect(() =>
      assertValidCard(
        card(
          [
            { type: 'TextBlock', text: 'URGENTE', weight: 'Bolder' },
            { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] },
          ],
          {
            actions: [{ type: 'Action.OpenUrl', title: 'Abrir', url: 'https://escala.test/tickets/1' }],
          },
        ),
      ),
    ).not.toThrow();
  });

  it.each([
    ['an unknown element type', card([{ type: 'TextBlok', text: 'x' }])],
    ['a value outside an enum', card([{ type: 'TextBlock', text: 'x', weight: 'Heavy' }])],
    ['a fact without a value', card([{ type: 'FactSet', facts: [{ title: 'a' }] }])],
    ['a newer version than Teams renders', { ...card([]), version: '1.6' }],
    [
      'a malformed Teams mention',
      card([], { msteams: { entities: [{ type: 'mention', text: 'Ana', mentioned: { id: 'x', name: 'Ana' } }] } }),
    ],
  ])('refuses %s', (_name, invalid) => {
    expect(() => assertValidCard(invalid as AdaptiveCard)).toThrow(/Adaptive Card|version/);
  });

  it('accepts mentions in the Teams extension', () => {
    expect(() =>
      assertValidCard(
        card([{ type: 'TextBlock', text: '<at>Ana</at>' }], {
          msteams: { entities: [{ type: 'mention', text: '<at>Ana</at>', mentioned: { id: 'a1', name: 'Ana' } }] },
        }),
      ),
    ).not.toThrow();
  });
});
