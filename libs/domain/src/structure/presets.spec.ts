import { describe, expect, it } from 'vitest';
import { N1_N5, STRUCTURE_PRESETS, TWO_STAGE_N1 } from './presets.js';
import { checkEscalation, routeByCategory } from './routing.js';
import { findUnit, validateStructure, type SupportStructure } from './support-structure.js';

describe('the shipped presets (docs/playbook.md §10)', () => {
  it.each(Object.entries(STRUCTURE_PRESETS))('%s is consistent', (_key, structure) => {
    expect(validateStructure(structure)).toEqual([]);
  });

  it('keeps the two-stage-n1 analysis targets (§10.1): 1 h for stage 1, 2 h for stage 2', () => {
    expect(findUnit(TWO_STAGE_N1, 'N1-E1')).toMatchObject({ tier: 'N1', stage: 1, analysisHours: 1 });
    expect(findUnit(TWO_STAGE_N1, 'N1-E2')).toMatchObject({ tier: 'N1', stage: 2, analysisHours: 2 });
  });

  it('keeps the n1-n5 first-response targets (§10.2) and N3 away from customers', () => {
    const targets = N1_N5.units.map((u) => [u.key, u.firstResponseHours, u.talksToCustomers]);
    expect(targets).toEqual([
      ['N1', 24, true],
      ['N2', 72, true],
      ['N3', 72, false],
      ['N4', 24, true],
      ['N5', 24, true],
    ]);
    expect(N1_N5.spocUnit).toBe('N1');
  });

  it('labels categories in pt-BR with English available', () => {
    expect(TWO_STAGE_N1.categories.find((c) => c.key === 'migracao')?.label).toEqual({
      'pt-BR': 'Migração',
      en: 'Migration',
    });
    expect(N1_N5.categories.find((c) => c.key === 'congelamento-servicos')?.label['pt-BR']).toBe(
      'Congelamento de serviços',
    );
  });
});

describe('routing by category', () => {
  it.each([
    ['financeiro', 'N1-E2'],
    ['comercial', 'N1-E2'],
    ['faturamento', 'N1-E2'],
    ['migracao', 'N1-E2'],
    ['homologacao-bancaria', 'N1-E2'],
    ['homologacao-nfse', 'N1-E2'],
    ['duvida-utilizacao', 'N1-E1'],
    ['relatorio', 'N2'],
    ['sugestao-melhoria', 'REL'],
  ])('two-stage-n1 sends %s to %s', (category, unit) => {
    expect(routeByCategory(TWO_STAGE_N1, category)).toEqual({ ok: true, unitKey: unit });
  });

  it.each([
    ['financeiro', 'N4'],
    ['comercial', 'N4'],
    ['faturamento', 'N4'],
    ['ativacao-servicos', 'N4'],
    ['cancelamento', 'N4'],
    ['configuracao-email', 'N1'],
    ['infraestrutura', 'N3'],
  ])('n1-n5 sends %s to %s', (category, unit) => {
    expect(routeByCategory(N1_N5, category)).toEqual({ ok: true, unitKey: unit });
  });

  it('sends a known category no unit claims to the entry unit', () => {
    const structure: SupportStructure = {
      ...N1_N5,
      categories: [...N1_N5.categories, { key: 'outros', label: { 'pt-BR': 'Outros', en: 'Other' } }],
    };
    expect(routeByCategory(structure, 'outros')).toEqual({ ok: true, unitKey: 'N1' });
  });

  it('refuses an unknown category, listing the known ones', () => {
    const outcome = routeByCategory(N1_N5, 'astrologia');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toContain('financeiro');
  });
});

describe('escalation paths', () => {
  it('follows N1 → N2 → N3 or N4 in preset n1-n5', () => {
    expect(checkEscalation(N1_N5, 'N1', 'N2')).toEqual({ ok: true });
    expect(checkEscalation(N1_N5, 'N2', 'N3')).toEqual({ ok: true });
    expect(checkEscalation(N1_N5, 'N2', 'N4')).toEqual({ ok: true });
  });

  it('refuses a jump that is not configured and lists the allowed targets', () => {
    expect(checkEscalation(N1_N5, 'N1', 'N3')).toEqual({
      ok: false,
      reason: 'N1 cannot escalate to N3; allowed from N1: N2, N4, N5',
      allowed: ['N2', 'N4', 'N5'],
    });
    expect(checkEscalation(N1_N5, 'N5', 'N1')).toMatchObject({ ok: false, allowed: [] });
  });
});

describe('structure validation', () => {
  it('names every inconsistency by field', () => {
    const broken: SupportStructure = {
      ...N1_N5,
      entryUnit: 'N9',
      units: [
        { ...N1_N5.units[0]!, escalatesTo: ['N1', 'N7'], categories: ['financeiro', 'nada'] },
        { ...N1_N5.units[3]!, escalatesTo: [] },
      ],
    };
    expect(validateStructure(broken)).toEqual([
      { field: 'units.0.categories.1', message: 'unknown category "nada"' },
      { field: 'units.0.escalatesTo.0', message: 'a unit cannot escalate to itself' },
      { field: 'units.0.escalatesTo.1', message: 'unknown unit "N7"' },
      { field: 'units.1.categories.0', message: 'category "financeiro" is already handled by N1' },
      { field: 'entryUnit', message: 'unknown unit "N9"' },
    ]);
  });
});
