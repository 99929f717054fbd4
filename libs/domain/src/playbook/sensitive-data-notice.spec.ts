import { describe, expect, it } from 'vitest';
import { sensitiveDataNoticeKeys, withSensitiveDataNotice } from './sensitive-data-notice.js';
import { DEFAULT_TEMPLATES, SEED_SENSITIVE_DATA_NOTICE } from './template-catalogue.js';
import type { TemplateSource } from './templates.js';

const shipped: TemplateSource = { definitions: DEFAULT_TEMPLATES };
const askBoth = 'Bom dia!\nPoderia nos enviar os dados de acesso ao portal e o certificado digital A1?';

describe('sensitive-data notice', () => {
  it("ends a reply asking for access data and a certificate with the playbook's text", () => {
    const { text, kinds } = withSensitiveDataNotice(shipped, 'pt-BR', askBoth);
    expect(kinds).toEqual(['access-data', 'digital-certificate']);
    expect(text).toBe(`${askBoth}\n\n${SEED_SENSITIVE_DATA_NOTICE}`);
  });

  it('adapts the notice to what was asked', () => {
    expect(withSensitiveDataNotice(shipped, 'pt-BR', 'Informe o token do banco.').text).toMatch(
      /OBS: O token será utilizado apenas/,
    );
    expect(withSensitiveDataNotice(shipped, 'en', 'Envie a senha do SEFAZ.').text).toMatch(
      /NOTE: The password requested/,
    );
  });

  it('prefers a combination template and covers the rest kind by kind', () => {
    expect(sensitiveDataNoticeKeys(shipped, ['password', 'access-data', 'digital-certificate'])).toEqual([
      'sensitive-data.notice.password',
      'sensitive-data.notice.access-data+digital-certificate',
    ]);
    expect(sensitiveDataNoticeKeys(shipped, ['digital-certificate'])).toEqual([
      'sensitive-data.notice.digital-certificate',
    ]);
  });

  it('is idempotent: applying it again appends nothing', () => {
    const once = withSensitiveDataNotice(shipped, 'pt-BR', askBoth).text;
    expect(withSensitiveDataNotice(shipped, 'pt-BR', once).text).toBe(once);
  });

  it('cannot be removed or buried: an edited draft gets it back at the very end', () => {
    const once = withSensitiveDataNotice(shipped, 'pt-BR', askBoth).text;
    const moved = `${SEED_SENSITIVE_DATA_NOTICE}\n${askBoth}\nAtenciosamente`;
    expect(withSensitiveDataNotice(shipped, 'pt-BR', askBoth.replace(SEED_SENSITIVE_DATA_NOTICE, '')).text).toBe(once);
    expect(
      withSensitiveDataNotice(shipped, 'pt-BR', moved).text.endsWith(`Atenciosamente\n\n${SEED_SENSITIVE_DATA_NOTICE}`),
    ).toBe(true);
  });

  it("follows the agent's explicit mark when the wording escapes detection", () => {
    const { text } = withSensitiveDataNotice(shipped, 'pt-BR', 'Aguardo o arquivo combinado.', ['digital-certificate']);
    expect(text).toBe(
      'Aguardo o arquivo combinado.\n\nOBS: O certificado digital será usado apenas para reinstalarmos nos servidores do Domínio WEB afim de ajustar a situação.',
    );
  });

  it('leaves a reply that asks for nothing untouched', () => {
    expect(withSensitiveDataNotice(shipped, 'pt-BR', 'Sua senha foi redefinida com sucesso.')).toEqual({
      text: 'Sua senha foi redefinida com sucesso.',
      kinds: [],
    });
  });

  it("uses an admin's edited notice", () => {
    const source: TemplateSource = {
      definitions: DEFAULT_TEMPLATES,
      overrides: [{ key: 'sensitive-data.notice.token', locale: 'pt-BR', body: 'OBS: token usado uma única vez.' }],
    };
    expect(withSensitiveDataNotice(source, 'pt-BR', 'Informe o token.').text).toBe(
      'Informe o token.\n\nOBS: token usado uma única vez.',
    );
  });
});
