import { describe, expect, it } from 'vitest';
import { TWO_STAGE_N1 } from '@escala/domain';
import {
  addUnit,
  categoryOwner,
  formatChangeValue,
  hoursOf,
  removeUnit,
  routeCategory,
  shownFields,
  updateUnit,
} from './structure-draft';

const draft = structuredClone(TWO_STAGE_N1);

describe('structure draft edits', () => {
  it('moves a category to one unit only, or back to the entry unit', () => {
    expect(categoryOwner(draft, 'financeiro')).toBe('N1-E2');
    const moved = routeCategory(draft, 'financeiro', 'N2');
    expect(categoryOwner(moved, 'financeiro')).toBe('N2');
    expect(moved.units.filter((unit) => unit.categories.includes('financeiro'))).toHaveLength(1);
    expect(categoryOwner(routeCategory(moved, 'financeiro', null), 'financeiro')).toBeNull();
    expect(categoryOwner(draft, 'financeiro')).toBe('N1-E2');
  });

  it('changes one unit and leaves the draft it came from untouched', () => {
    const changed = updateUnit(draft, 1, { analysisHours: 3 });
    expect([changed.units[1]!.analysisHours, draft.units[1]!.analysisHours]).toEqual([3, 1]);
    expect(changed.units[2]).toBe(draft.units[2]);
  });

  it('removes a unit with the escalation paths into it', () => {
    const index = draft.units.findIndex((unit) => unit.key === 'N2');
    const without = removeUnit(draft, index);
    expect(without.units.map((unit) => unit.key)).toEqual(['REL', 'N1-E1', 'N1-E2']);
    expect(without.units.flatMap((unit) => unit.escalatesTo)).not.toContain('N2');
    expect(addUnit(without, 'N3').units.at(-1)).toMatchObject({ key: 'N3', categories: [], escalatesTo: [] });
  });

  it('reads an emptied target as none, and sends anything typed for the server to judge', () => {
    expect([hoursOf(''), hoursOf(2.5), hoursOf('-1')]).toEqual([null, 2.5, -1]);
  });

  it('knows which refusal fields the editor shows next to an input', () => {
    expect(shownFields(draft)).toContain('definition.units.3.analysisHours');
    expect(shownFields(draft)).not.toContain('definition.units.4.analysisHours');
  });
});

describe('formatChangeValue', () => {
  it('reads every kind of changed value', () => {
    expect(
      [null, true, false, [], ['N2', 'N3'], { 'pt-BR': 'Fiscal', en: 'Tax' }, 2.5].map((value) =>
        formatChangeValue(value, 'sim', 'não'),
      ),
    ).toEqual(['—', 'sim', 'não', '—', 'N2, N3', 'Fiscal / Tax', '2.5']);
  });
});
