import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './template-catalogue.js';
import {
  InvalidTemplateBodyError,
  LOCALES,
  MissingTemplateVariablesError,
  UnknownTemplateError,
  findTemplateDefinition,
  renderTemplate,
  validateTemplateBody,
  type TemplateSource,
} from './templates.js';

const shipped: TemplateSource = { definitions: DEFAULT_TEMPLATES };
const partnerView = {
  customerName: 'Contabilidade Alfa',
  ticketNumber: 'SSC-1042',
  productName: 'SIEG Hub',
  partnerName: 'SIEG',
};

describe('templates', () => {
  it('renders the partner-product message in pt-BR and English with the ticket data', () => {
    expect(renderTemplate(shipped, 'partner-product.customer-message', 'pt-BR', partnerView)).toContain(
      'A sua solicitação SSC-1042 envolve o produto SIEG Hub, da empresa parceira SIEG. A empresa parceira entrará em contato',
    );
    expect(renderTemplate(shipped, 'partner-product.customer-message', 'en', partnerView)).toContain(
      'The partner company will contact you',
    );
  });

  it('inserts values verbatim because replies are plain text', () => {
    const text = renderTemplate(shipped, 'partner-product.customer-message', 'pt-BR', {
      ...partnerView,
      customerName: 'Souza & Filhos <Ltda>',
    });
    expect(text).toContain('Olá, Souza & Filhos <Ltda>.');
  });

  it('names every missing variable instead of rendering a blank', () => {
    const attempt = () =>
      renderTemplate(shipped, 'partner-product.customer-message', 'pt-BR', { customerName: 'Alfa', productName: null });
    expect(attempt).toThrow(MissingTemplateVariablesError);
    expect(attempt).toThrow(/ticketNumber, productName, partnerName/);
  });

  it('checks variables inside list sections item by item', () => {
    const view = {
      ticketNumber: '1',
      thirdPartyName: 'Banco X',
      verificationNeeded: 'arquivo de retorno',
      refusedByThirdParty: false,
      hoursWithoutReply: 72,
      attempts: [
        { at: '01/11', means: 'e-mail', to: 'suporte@x', kind: 'contato' },
        { at: '02/11', means: 'e-mail', kind: 'reenvio' },
      ],
      replies: [],
    };
    expect(() => renderTemplate(shipped, 'third-party.report', 'pt-BR', view)).toThrow(/attempts\[\]\.to/);
  });

  it('lets an admin override win for its key and locale only', () => {
    const source: TemplateSource = {
      definitions: DEFAULT_TEMPLATES,
      overrides: [
        { key: 'partner-product.customer-message', locale: 'pt-BR', body: 'A {{partnerName}} falará com você.' },
      ],
    };
    expect(renderTemplate(source, 'partner-product.customer-message', 'pt-BR', partnerView)).toBe(
      'A SIEG falará com você.',
    );
    expect(renderTemplate(source, 'partner-product.customer-message', 'en', partnerView)).toContain(
      'The partner company will contact you',
    );
  });

  it('refuses unknown keys', () => {
    expect(() => renderTemplate(shipped, 'nope', 'pt-BR', {})).toThrow(UnknownTemplateError);
  });

  it('validates an admin body: declared variables only, no partials, must parse', () => {
    const definition = findTemplateDefinition(shipped, 'partner-product.customer-message');
    expect(() => validateTemplateBody(definition, 'Olá {{customerName}}, a {{partnerName}} ligará.')).not.toThrow();
    expect(() => validateTemplateBody(definition, 'Olá {{cliente}}')).toThrow(/unknown variable "cliente"/);
    expect(() => validateTemplateBody(definition, '{{> footer}}')).toThrow(/partials are not allowed/);
    expect(() => validateTemplateBody(definition, '{{#customerName}}aberto')).toThrow(InvalidTemplateBodyError);
  });

  it.each(DEFAULT_TEMPLATES.flatMap((definition) => LOCALES.map((locale) => [definition.key, locale] as const)))(
    'shipped template %s (%s) uses only its declared variables',
    (key, locale) => {
      const definition = findTemplateDefinition(shipped, key);
      expect(() => validateTemplateBody(definition, definition.body[locale])).not.toThrow();
    },
  );
});
