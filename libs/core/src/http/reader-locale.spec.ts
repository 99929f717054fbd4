import { describe, expect, it } from 'vitest';
import { readerLocale } from './reader-locale.js';

describe('readerLocale', () => {
  it.each([
    [undefined, 'pt-BR'],
    ['', 'pt-BR'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['pt', 'pt-BR'],
    ['pt-BR,pt;q=0.9,en;q=0.8', 'pt-BR'],
    ['fr-FR, en;q=0.5', 'en'],
    ['de, fr', 'pt-BR'],
    ['*', 'pt-BR'],
    [';;;q=abc,,', 'pt-BR'],
  ])('reads %j as %s', (header, locale) => {
    expect(readerLocale(header)).toBe(locale);
  });
});
