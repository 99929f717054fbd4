import { describe, expect, it } from 'vitest';
import { TWO_STAGE_N1 } from './presets.js';
import { structureChanges } from './structure-changes.js';

describe('structureChanges', () => {
  it('lists nothing when nothing changed', () => {
    expect(structureChanges(TWO_STAGE_N1, structuredClone(TWO_STAGE_N1))).toEqual([]);
    // As read back from jsonb, which orders keys its own way.
    const reordered = JSON.parse(JSON.stringify(TWO_STAGE_N1), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    );
    expect(structureChanges(reordered, TWO_STAGE_N1)).toEqual([]);
  });

  it('names the unit and field of a changed target and of a category routed elsewhere', () => {
    const after = structuredClone(TWO_STAGE_N1);
    const stage1 = after.units.find((unit) => unit.key === 'N1-E1')!;
    const stage2 = after.units.find((unit) => unit.key === 'N1-E2')!;
    stage1.analysisHours = 3;
    stage2.categories = stage2.categories.filter((category) => category !== 'financeiro');
    stage1.categories.push('financeiro');
    expect(structureChanges(TWO_STAGE_N1, after)).toEqual([
      { subject: 'unit', key: 'N1-E1', change: 'changed', field: 'analysisHours', before: 1, after: 3 },
      {
        subject: 'unit',
        key: 'N1-E1',
        change: 'changed',
        field: 'categories',
        before: ['duvida-utilizacao', 'erro-sistema', 'cancelamento'],
        after: ['duvida-utilizacao', 'erro-sistema', 'cancelamento', 'financeiro'],
      },
      expect.objectContaining({ key: 'N1-E2', field: 'categories' }),
    ]);
  });

  it('tells additions and removals of units and categories apart from edits', () => {
    const after = structuredClone(TWO_STAGE_N1);
    after.units = after.units.filter((unit) => unit.key !== 'REL');
    after.categories.push({ key: 'fiscal', label: { 'pt-BR': 'Fiscal', en: 'Tax' } });
    after.name = 'Outra';
    expect(structureChanges(TWO_STAGE_N1, after)).toEqual([
      { subject: 'structure', key: null, change: 'changed', field: 'name', before: TWO_STAGE_N1.name, after: 'Outra' },
      {
        subject: 'category',
        key: 'fiscal',
        change: 'added',
        field: null,
        before: null,
        after: { 'pt-BR': 'Fiscal', en: 'Tax' },
      },
      { subject: 'unit', key: 'REL', change: 'removed', field: null, before: 'Relacionamento', after: null },
    ]);
  });

  it('shows a first version as everything added', () => {
    const changes = structureChanges(null, TWO_STAGE_N1);
    expect(changes.filter((change) => change.change === 'added')).toHaveLength(
      TWO_STAGE_N1.units.length + TWO_STAGE_N1.categories.length,
    );
  });
});
