import { renderLocalized, type Locale, type Localized } from './templates.js';

/**
 * docs/playbook.md §6: what a customer is entitled to depends on the product and on when it was contracted.
 * Rules are data (admins edit them); the first rule matching a product and contract date decides.
 */
export interface EntitlementRule {
  readonly id: string;
  readonly benefit: string;
  readonly product: string;
  /** Inclusive ISO dates (YYYY-MM-DD) bounding the contract date; absent means open-ended. */
  readonly contractedFrom?: string;
  readonly contractedUntil?: string;
  readonly allowed: boolean;
  /** Shown to the agent; may use {{product}}, {{contractedOn}} and {{contractYear}}. */
  readonly explanation: Localized;
}

export interface BenefitDefinition {
  readonly benefit: string;
  readonly label: Localized;
  /** Request categories that need this benefit (checked when a ticket takes one of them). */
  readonly categories: readonly string[];
}

export interface EntitlementConfig {
  readonly benefits: readonly BenefitDefinition[];
  readonly rules: readonly EntitlementRule[];
}

export interface CustomerProduct {
  readonly product: string;
  /** ISO date (YYYY-MM-DD) the product was contracted. */
  readonly contractedOn: string;
  /** ISO date the contract ended; an ended contract grants nothing after it. */
  readonly endsOn?: string | null;
}

export interface EntitlementDecision {
  readonly benefit: string;
  readonly allowed: boolean;
  readonly explanation: string;
  /** The rule that decided, or null when no product of the customer grants the benefit. */
  readonly ruleId: string | null;
}

export const DEFAULT_ENTITLEMENTS: EntitlementConfig = {
  benefits: [
    {
      benefit: 'website-creation',
      label: { 'pt-BR': 'criação de site', en: 'website creation' },
      categories: ['criacao-de-site'],
    },
  ],
  rules: [
    {
      id: 'contabil-premium-website-until-2021',
      benefit: 'website-creation',
      product: 'Contábil Premium',
      contractedUntil: '2021-12-31',
      allowed: true,
      explanation: {
        'pt-BR': 'criação de site incluída ({{product}} contratado até 2021)',
        en: 'website creation included ({{product}} contracted up to 2021)',
      },
    },
    {
      id: 'contabil-premium-website-from-2022',
      benefit: 'website-creation',
      product: 'Contábil Premium',
      contractedFrom: '2022-01-01',
      allowed: false,
      explanation: {
        'pt-BR':
          'criação de site não incluída: {{product}} contratado em {{contractYear}}, e a ferramenta foi descontinuada na comercialização a partir de 2022',
        en: 'website creation not included: {{product}} contracted in {{contractYear}}, and the tool was discontinued for new contracts from 2022',
      },
    },
  ],
};

function normalisedName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();
}

function ruleMatches(rule: EntitlementRule, owned: CustomerProduct): boolean {
  return (
    normalisedName(rule.product) === normalisedName(owned.product) &&
    (!rule.contractedFrom || owned.contractedOn >= rule.contractedFrom) &&
    (!rule.contractedUntil || owned.contractedOn <= rule.contractedUntil)
  );
}

/**
 * Whether the customer's products grant `benefit`. Any product that allows it wins (a customer with an
 * old and a new contract keeps the old right); otherwise the refusal of a matching rule explains why.
 */
export function evaluateEntitlement(
  config: EntitlementConfig,
  products: readonly CustomerProduct[],
  benefit: string,
  locale: Locale,
  today: string,
): EntitlementDecision {
  const current = products.filter((owned) => !owned.endsOn || owned.endsOn >= today);
  const decisions = current.flatMap((owned) => {
    const rule = config.rules.find((candidate) => candidate.benefit === benefit && ruleMatches(candidate, owned));
    if (!rule) return [];
    const view = {
      product: owned.product,
      contractedOn: owned.contractedOn,
      contractYear: owned.contractedOn.slice(0, 4),
    };
    return [
      {
        benefit,
        allowed: rule.allowed,
        explanation: renderLocalized(rule.explanation, locale, view, `entitlement ${rule.id}`),
        ruleId: rule.id,
      },
    ];
  });
  const decision = decisions.find((candidate) => candidate.allowed) ?? decisions[0];
  if (decision) return decision;
  const label = config.benefits.find((candidate) => candidate.benefit === benefit)?.label[locale] ?? benefit;
  const explanation =
    locale === 'pt-BR'
      ? `sem direito a ${label}: nenhum produto contratado inclui este benefício`
      : `not entitled to ${label}: no contracted product includes it`;
  return { benefit, allowed: false, explanation, ruleId: null };
}

/**
 * The benefit a request category needs, or undefined for the (many) categories that need none — which can be
 * told before reading the customer's products.
 */
export function benefitNeededBy(config: EntitlementConfig, category: string): BenefitDefinition | undefined {
  return config.benefits.find((candidate) => candidate.categories.includes(category));
}

/** Null when the category needs no entitlement; otherwise the decision the agent sees on the ticket. */
export function evaluateCategoryEntitlement(
  config: EntitlementConfig,
  products: readonly CustomerProduct[],
  category: string,
  locale: Locale,
  today: string,
): EntitlementDecision | null {
  const benefit = benefitNeededBy(config, category);
  return benefit ? evaluateEntitlement(config, products, benefit.benefit, locale, today) : null;
}

/** Every benefit the rules know, decided for this customer: what the ticket shows. */
export function customerEntitlements(
  config: EntitlementConfig,
  products: readonly CustomerProduct[],
  locale: Locale,
  today: string,
): EntitlementDecision[] {
  return config.benefits.map((benefit) => evaluateEntitlement(config, products, benefit.benefit, locale, today));
}
