import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ENTITLEMENTS,
  benefitNeededBy,
  customerEntitlements,
  evaluateCategoryEntitlement,
  type EntitlementConfig,
} from './entitlements.js';

const today = '2026-11-23';
const premium = (contractedOn: string) => ({ product: 'Contábil Premium', contractedOn });

describe('entitlements', () => {
  it.each([
    ['2019-05-10', true, 'criação de site incluída (Contábil Premium contratado até 2021)'],
    ['2021-12-31', true, 'criação de site incluída (Contábil Premium contratado até 2021)'],
    [
      '2022-01-01',
      false,
      'criação de site não incluída: Contábil Premium contratado em 2022, e a ferramenta foi descontinuada na comercialização a partir de 2022',
    ],
    [
      '2024-03-15',
      false,
      'criação de site não incluída: Contábil Premium contratado em 2024, e a ferramenta foi descontinuada na comercialização a partir de 2022',
    ],
  ])('Contábil Premium contracted on %s: website creation allowed=%s', (contractedOn, allowed, explanation) => {
    expect(
      evaluateCategoryEntitlement(DEFAULT_ENTITLEMENTS, [premium(contractedOn)], 'criacao-de-site', 'pt-BR', today),
    ).toEqual({
      benefit: 'website-creation',
      allowed,
      explanation,
      ruleId: allowed ? 'contabil-premium-website-until-2021' : 'contabil-premium-website-from-2022',
    });
  });

  it('matches product names whatever their accents and case', () => {
    expect(
      evaluateCategoryEntitlement(
        DEFAULT_ENTITLEMENTS,
        [{ product: 'contabil premium', contractedOn: '2020-01-01' }],
        'criacao-de-site',
        'en',
        today,
      )?.explanation,
    ).toBe('website creation included (contabil premium contracted up to 2021)');
  });

  it('keeps the right of an old contract when a newer one exists', () => {
    expect(
      evaluateCategoryEntitlement(
        DEFAULT_ENTITLEMENTS,
        [premium('2023-02-01'), premium('2020-02-01')],
        'criacao-de-site',
        'pt-BR',
        today,
      )?.allowed,
    ).toBe(true);
  });

  it('ignores a contract that has ended', () => {
    const ended = { ...premium('2019-01-01'), endsOn: '2025-12-31' };
    expect(evaluateCategoryEntitlement(DEFAULT_ENTITLEMENTS, [ended], 'criacao-de-site', 'pt-BR', today)?.allowed).toBe(
      false,
    );
  });

  it('refuses with a reason when no product grants the benefit', () => {
    expect(
      evaluateCategoryEntitlement(
        DEFAULT_ENTITLEMENTS,
        [{ product: 'Folha', contractedOn: '2018-01-01' }],
        'criacao-de-site',
        'pt-BR',
        today,
      ),
    ).toEqual({
      benefit: 'website-creation',
      allowed: false,
      explanation: 'sem direito a criação de site: nenhum produto contratado inclui este benefício',
      ruleId: null,
    });
  });

  it('says nothing for a category that needs no entitlement', () => {
    expect(
      evaluateCategoryEntitlement(DEFAULT_ENTITLEMENTS, [premium('2019-01-01')], 'nfe', 'pt-BR', today),
    ).toBeNull();
  });

  it('tells the benefit a category needs before any product is read', () => {
    expect(benefitNeededBy(DEFAULT_ENTITLEMENTS, 'criacao-de-site')?.benefit).toBe('website-creation');
    expect(benefitNeededBy(DEFAULT_ENTITLEMENTS, 'nfe')).toBeUndefined();
    expect(benefitNeededBy(DEFAULT_ENTITLEMENTS, '')).toBeUndefined();
  });

  it('follows rules edited as data', () => {
    const config: EntitlementConfig = {
      benefits: [
        ...DEFAULT_ENTITLEMENTS.benefits,
        {
          benefit: 'bank-homologation',
          label: { 'pt-BR': 'homologação bancária', en: 'bank homologation' },
          categories: ['homologacao-bancaria'],
        },
      ],
      rules: [
        ...DEFAULT_ENTITLEMENTS.rules,
        {
          id: 'folha-bank',
          benefit: 'bank-homologation',
          product: 'Folha',
          contractedFrom: '2020-01-01',
          allowed: true,
          explanation: { 'pt-BR': 'homologação incluída no {{product}}', en: 'included with {{product}}' },
        },
      ],
    };
    expect(
      customerEntitlements(config, [{ product: 'Folha', contractedOn: '2021-06-01' }], 'pt-BR', today).map(
        ({ benefit, allowed }) => [benefit, allowed],
      ),
    ).toEqual([
      ['website-creation', false],
      ['bank-homologation', true],
    ]);
  });
});
