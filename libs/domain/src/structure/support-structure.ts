/** Where a unit sits in the support structure: a tier (N1…N5), a stage inside a tier, or a desk. */
export type SupportUnitKind = 'tier' | 'stage' | 'desk';

export interface LocalizedLabel {
  'pt-BR': string;
  en: string;
}

/** A request category; its key is stable, its label is what people read (pt-BR first). */
export interface Category {
  key: string;
  label: LocalizedLabel;
}

/** One tier, stage or desk of the support structure (docs/playbook.md §10). */
export interface SupportUnit {
  key: string;
  kind: SupportUnitKind;
  name: string;
  /** The tier a stage belongs to, e.g. `N1` for `N1-E1`; a tier names itself. */
  tier: string | null;
  stage: number | null;
  /** N3 in preset n1-n5 never talks to the customer: it may not post public replies. */
  talksToCustomers: boolean;
  firstResponseHours: number | null;
  analysisHours: number | null;
  /** Category keys this unit receives on creation. */
  categories: string[];
  /** Unit keys this unit may escalate to. */
  escalatesTo: string[];
}

/** The support structure as data: what an admin edits, versioned, and what tickets are routed under. */
export interface SupportStructure {
  name: string;
  /** Unit that receives tickets whose category no unit claims. */
  entryUnit: string;
  /** Unit whose agent stays the ticket's single point of contact after escalation (docs/playbook.md §10.2), if any. */
  spocUnit: string | null;
  categories: Category[];
  units: SupportUnit[];
}

export interface StructureIssue {
  field: string;
  message: string;
}

/** Every inconsistency that would make routing or escalation ambiguous; empty when usable. */
export function validateStructure(structure: SupportStructure): StructureIssue[] {
  const issues: StructureIssue[] = [];
  const unitKeys = new Set<string>();
  structure.units.forEach((unit, index) => {
    if (unitKeys.has(unit.key))
      issues.push({ field: `units.${index}.key`, message: `unit "${unit.key}" is defined twice` });
    unitKeys.add(unit.key);
  });
  const categoryKeys = new Set<string>();
  structure.categories.forEach((category, index) => {
    if (categoryKeys.has(category.key)) {
      issues.push({ field: `categories.${index}.key`, message: `category "${category.key}" is defined twice` });
    }
    categoryKeys.add(category.key);
  });
  const owner = new Map<string, string>();
  structure.units.forEach((unit, index) => {
    unit.categories.forEach((category, c) => {
      const field = `units.${index}.categories.${c}`;
      if (!categoryKeys.has(category)) issues.push({ field, message: `unknown category "${category}"` });
      else if (owner.has(category))
        issues.push({ field, message: `category "${category}" is already handled by ${owner.get(category)}` });
      else owner.set(category, unit.key);
    });
    unit.escalatesTo.forEach((target, e) => {
      const field = `units.${index}.escalatesTo.${e}`;
      if (!unitKeys.has(target)) issues.push({ field, message: `unknown unit "${target}"` });
      else if (target === unit.key) issues.push({ field, message: 'a unit cannot escalate to itself' });
    });
  });
  if (!unitKeys.has(structure.entryUnit))
    issues.push({ field: 'entryUnit', message: `unknown unit "${structure.entryUnit}"` });
  if (structure.spocUnit !== null && !unitKeys.has(structure.spocUnit)) {
    issues.push({ field: 'spocUnit', message: `unknown unit "${structure.spocUnit}"` });
  }
  return issues;
}

export function findUnit(structure: SupportStructure, key: string): SupportUnit | undefined {
  return structure.units.find((unit) => unit.key === key);
}

export function findCategory(structure: SupportStructure, key: string): Category | undefined {
  return structure.categories.find((category) => category.key === key);
}
