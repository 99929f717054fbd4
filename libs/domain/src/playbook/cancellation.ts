import { CONTACT_MEANS, CONTACT_MEANS_LABELS, type ContactMeans } from './contact-means.js';
import { formatInstant } from './instant-format.js';
import { renderTemplate, type Locale, type Localized, type TemplateSource } from './templates.js';

/** docs/playbook.md §1: every cancellation request is followed by a contact with the customer to learn why. */
export const CANCELLATION_CATEGORY = 'cancelamento';

export interface CancellationReasonDefinition {
  readonly code: string;
  readonly label: Localized;
  /** The playbook's "contratação de um sistema parceiro": the system must be named so it can be reported. */
  readonly namesCompetitorSystem: boolean;
}

/** Structured so reasons can be counted; the free text says the rest. */
export const CANCELLATION_REASONS: readonly CancellationReasonDefinition[] = [
  {
    code: 'moving-to-other-system',
    label: { 'pt-BR': 'Migração para sistema parceiro/concorrente', en: 'Moving to a partner/competitor system' },
    namesCompetitorSystem: true,
  },
  { code: 'price', label: { 'pt-BR': 'Preço / custo', en: 'Price / cost' }, namesCompetitorSystem: false },
  {
    code: 'business-closed',
    label: { 'pt-BR': 'Encerramento das atividades da empresa', en: 'Business closed' },
    namesCompetitorSystem: false,
  },
  {
    code: 'changed-accountant',
    label: { 'pt-BR': 'Troca de escritório contábil', en: 'Changed accounting firm' },
    namesCompetitorSystem: false,
  },
  {
    code: 'missing-feature',
    label: { 'pt-BR': 'Falta de funcionalidade', en: 'Missing feature' },
    namesCompetitorSystem: false,
  },
  {
    code: 'product-problems',
    label: { 'pt-BR': 'Problemas / instabilidade no produto', en: 'Product problems / instability' },
    namesCompetitorSystem: false,
  },
  {
    code: 'support-dissatisfaction',
    label: { 'pt-BR': 'Insatisfação com o atendimento', en: 'Dissatisfied with support' },
    namesCompetitorSystem: false,
  },
  {
    code: 'difficulty-of-use',
    label: { 'pt-BR': 'Dificuldade de uso', en: 'Difficulty of use' },
    namesCompetitorSystem: false,
  },
  {
    code: 'no-longer-needed',
    label: { 'pt-BR': 'Não precisa mais do produto', en: 'No longer needs the product' },
    namesCompetitorSystem: false,
  },
  { code: 'other', label: { 'pt-BR': 'Outro motivo', en: 'Other reason' }, namesCompetitorSystem: false },
];

/** Suggestions shown to the agent; any other name is accepted (the market changes faster than code). */
export const KNOWN_COMPETITOR_SYSTEMS: readonly string[] = [
  'SIEG',
  'Fiscosoft',
  'Questor',
  'Alterdata',
  'Contmatic',
  'Nasajon',
  'Sage',
  'Omie',
];

export interface CancellationContact {
  readonly at: Date;
  readonly means: ContactMeans;
  readonly withWhom: string;
}

export interface CancellationReason {
  readonly code: string;
  readonly competitorSystem?: string | null;
  readonly details: string;
}

export interface CancellationRecord {
  readonly category: string;
  readonly contact?: CancellationContact | null;
  readonly reason?: CancellationReason | null;
}

/** What still stands between a cancellation and its closing; each has a template `cancellation.missing.<code>`. */
export const CANCELLATION_REQUIREMENTS = ['customer-contact', 'reason', 'competitor-system'] as const;
export type CancellationRequirement = (typeof CANCELLATION_REQUIREMENTS)[number];

export function findCancellationReason(code: string): CancellationReasonDefinition | undefined {
  return CANCELLATION_REASONS.find((reason) => reason.code === code);
}

function filled(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Empty for any ticket that is not a cancellation, or once the contact (when, how, with whom) and the
 * real reason (from the list, with details, naming the system when the customer moves to another one)
 * are recorded. A contact dated after `now` does not count: it has not happened.
 */
export function missingForCancellationClosure(record: CancellationRecord, now: Date): CancellationRequirement[] {
  if (record.category !== CANCELLATION_CATEGORY) return [];
  const missing: CancellationRequirement[] = [];
  const contact = record.contact;
  if (
    !contact ||
    !filled(contact.withWhom) ||
    !CONTACT_MEANS.includes(contact.means) ||
    contact.at.getTime() > now.getTime()
  ) {
    missing.push('customer-contact');
  }
  const reason = record.reason;
  const definition = reason ? findCancellationReason(reason.code) : undefined;
  if (!reason || !definition || !filled(reason.details)) missing.push('reason');
  if (definition?.namesCompetitorSystem && !filled(reason?.competitorSystem)) missing.push('competitor-system');
  return missing;
}

/** The technical-analysis text recording the contact and the real reason (template `cancellation.analysis-record`). */
export function renderCancellationAnalysis(
  source: TemplateSource,
  locale: Locale,
  contact: CancellationContact,
  reason: CancellationReason,
  timeZone?: string,
): string {
  return renderTemplate(source, 'cancellation.analysis-record', locale, {
    contactAt: formatInstant(contact.at, locale, timeZone),
    contactMeans: CONTACT_MEANS_LABELS[contact.means][locale],
    contactPerson: contact.withWhom,
    reasonLabel: findCancellationReason(reason.code)?.label[locale] ?? reason.code,
    competitorSystem: reason.competitorSystem?.trim() ?? '',
    reasonDetails: reason.details,
  });
}

export interface CancellationReport {
  readonly byReason: Readonly<Record<string, number>>;
  readonly byCompetitorSystem: Readonly<Record<string, number>>;
}

/**
 * Counts recorded reasons over a period (contact dates in [from, to)), systems grouped
 * case-insensitively under their first spelling so "sieg" and "SIEG" are one bar.
 */
export function reportCancellationReasons(
  records: readonly CancellationRecord[],
  from: Date,
  to: Date,
): CancellationReport {
  const byReason: Record<string, number> = {};
  const byCompetitorSystem: Record<string, number> = {};
  const spelling = new Map<string, string>();
  for (const { contact, reason } of records) {
    if (!contact || !reason || contact.at < from || contact.at >= to) continue;
    byReason[reason.code] = (byReason[reason.code] ?? 0) + 1;
    const system = reason.competitorSystem?.trim();
    if (!system) continue;
    const name = spelling.get(system.toLowerCase()) ?? system;
    spelling.set(system.toLowerCase(), name);
    byCompetitorSystem[name] = (byCompetitorSystem[name] ?? 0) + 1;
  }
  return { byReason, byCompetitorSystem };
}
