import { describe, expect, it } from 'vitest';
import {
  CANCELLATION_REQUIREMENTS,
  missingForCancellationClosure,
  renderCancellationAnalysis,
  reportCancellationReasons,
  type CancellationRecord,
} from './cancellation.js';
import { DEFAULT_TEMPLATES } from './template-catalogue.js';
import { renderTemplate } from './templates.js';

const now = new Date('2026-11-23T15:00:00Z');
const contact = { at: new Date('2026-11-23T14:00:00Z'), means: 'phone', withWhom: 'Ana (financeiro)' } as const;
const movingToSieg = {
  code: 'moving-to-other-system',
  competitorSystem: 'SIEG',
  details: 'Escritório unificou fornecedores.',
};

describe('cancellation rule', () => {
  it('does not concern other categories', () => {
    expect(missingForCancellationClosure({ category: 'nfe' }, now)).toEqual([]);
  });

  it('names everything missing on a bare cancellation', () => {
    expect(missingForCancellationClosure({ category: 'cancelamento' }, now)).toEqual(['customer-contact', 'reason']);
  });

  it('lets a cancellation close once contact and reason are recorded', () => {
    expect(missingForCancellationClosure({ category: 'cancelamento', contact, reason: movingToSieg }, now)).toEqual([]);
  });

  it.each<[string, CancellationRecord, string[]]>([
    [
      'no person contacted',
      { category: 'cancelamento', contact: { ...contact, withWhom: ' ' }, reason: movingToSieg },
      ['customer-contact'],
    ],
    [
      'a contact dated in the future',
      { category: 'cancelamento', contact: { ...contact, at: new Date('2026-11-24T10:00:00Z') }, reason: movingToSieg },
      ['customer-contact'],
    ],
    [
      'a reason outside the list',
      { category: 'cancelamento', contact, reason: { code: 'whatever', details: 'x' } },
      ['reason'],
    ],
    [
      'a reason without details',
      { category: 'cancelamento', contact, reason: { code: 'price', details: '' } },
      ['reason'],
    ],
    [
      'a move to another system without its name',
      { category: 'cancelamento', contact, reason: { ...movingToSieg, competitorSystem: null } },
      ['competitor-system'],
    ],
  ])('refuses %s', (_case, record, missing) => {
    expect(missingForCancellationClosure(record, now)).toEqual(missing);
  });

  it('has a pt-BR and English message for each requirement (for the 409)', () => {
    for (const requirement of CANCELLATION_REQUIREMENTS) {
      expect(
        renderTemplate({ definitions: DEFAULT_TEMPLATES }, `cancellation.missing.${requirement}`, 'pt-BR', {}),
      ).toMatch(/\w/);
    }
    expect(
      renderTemplate({ definitions: DEFAULT_TEMPLATES }, 'cancellation.missing.competitor-system', 'pt-BR', {}),
    ).toContain('SIEG, Fiscosoft');
  });

  it('writes the technical-analysis record of the contact and the reason', () => {
    expect(renderCancellationAnalysis({ definitions: DEFAULT_TEMPLATES }, 'pt-BR', contact, movingToSieg)).toBe(
      'Contato com o cliente realizado em 23/11/2026 11:00 por telefone com Ana (financeiro).\nMotivo do cancelamento: Migração para sistema parceiro/concorrente (SIEG).\nDetalhes: Escritório unificou fornecedores.',
    );
    expect(
      renderCancellationAnalysis({ definitions: DEFAULT_TEMPLATES }, 'en', contact, {
        code: 'price',
        details: 'too expensive',
      }),
    ).toContain('Cancellation reason: Price / cost.');
  });

  it('counts reasons and systems over a period', () => {
    const at = (iso: string) => ({ ...contact, at: new Date(iso) });
    const records: CancellationRecord[] = [
      { category: 'cancelamento', contact: at('2026-11-02T10:00:00Z'), reason: movingToSieg },
      {
        category: 'cancelamento',
        contact: at('2026-11-03T10:00:00Z'),
        reason: { ...movingToSieg, competitorSystem: 'sieg ' },
      },
      {
        category: 'cancelamento',
        contact: at('2026-11-04T10:00:00Z'),
        reason: { ...movingToSieg, competitorSystem: 'Fiscosoft' },
      },
      { category: 'cancelamento', contact: at('2026-11-05T10:00:00Z'), reason: { code: 'price', details: 'caro' } },
      {
        category: 'cancelamento',
        contact: at('2026-10-31T23:59:59Z'),
        reason: { code: 'price', details: 'fora do período' },
      },
      { category: 'cancelamento', contact: null, reason: null },
    ];
    expect(
      reportCancellationReasons(records, new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z')),
    ).toEqual({
      byReason: { 'moving-to-other-system': 3, price: 1 },
      byCompetitorSystem: { SIEG: 2, Fiscosoft: 1 },
    });
  });
});
