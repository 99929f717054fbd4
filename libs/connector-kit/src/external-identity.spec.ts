import { describe, expect, it } from 'vitest';
import { checkExternalIdentity } from './external-identity.js';

describe('outside identities', () => {
  it.each([
    [
      { system: 'entra', id: ' 6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F ' },
      { system: 'entra', id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f' },
    ],
    [
      { system: 'email', id: 'Ana.Lider@Exemplo.com.br' },
      { system: 'email', id: 'ana.lider@exemplo.com.br' },
    ],
    [
      { system: 'google', id: 'Paula@Exemplo.com' },
      { system: 'google', id: 'paula@exemplo.com' },
    ],
    [
      { system: 'google', id: '109876543210987654321' },
      { system: 'google', id: '109876543210987654321' },
    ],
    [
      { system: 'slack', id: 'U024BE7LH' },
      { system: 'slack', id: 'U024BE7LH' },
    ],
  ])('normalises %j', (input, identity) => {
    expect(checkExternalIdentity(input)).toEqual({ ok: true, identity });
  });

  it.each([
    [{ system: 'entra', id: 'ana@exemplo.com' }, 'id', /GUID/],
    [{ system: 'entra', id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5' }, 'id', /GUID/],
    [{ system: 'email', id: 'not an address' }, 'id', /e-mail/],
    [{ system: 'google', id: 'paula' }, 'id', /account/],
    [{ system: 'Entra', id: 'x' }, 'system', /lower-case/],
    [{ system: 'x', id: 'x' }, 'system', /lower-case/],
    [{ system: 'slack', id: '' }, 'id', /1–320/],
    [{ system: 'slack', id: 'x'.repeat(321) }, 'id', /1–320/],
    [{ system: 'slack', id: 42 }, 'id', /1–320/],
    [{}, 'system', /system name/],
  ])('refuses %j naming %s', (input, field, message) => {
    const checked = checkExternalIdentity(input);
    expect(checked).toMatchObject({ ok: false, field });
    if (!checked.ok) expect(checked.message).toMatch(message);
  });
});
