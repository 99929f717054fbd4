import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { sqlString } from './sql-literal.js';

describe('sqlString', () => {
  const platform = new PostgreSqlPlatform();

  it.each([
    '',
    'Boleto não gerado',
    "d'Ávila",
    "''; drop table tickets; --",
    'C:\\caminho\\arquivo',
    "\\'; select 1; --",
    '{"subject":"aspas \\"duplas\\" e \'simples\'","path":"a\\\\b"}',
    'emoji 🧾 e quebra\nde linha\t',
  ])('writes %j as the platform does', (text) => {
    expect(sqlString(text)).toBe(platform.quoteValue(text));
  });
});
