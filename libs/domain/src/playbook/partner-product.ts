import { roleAllows, type Role } from '../access/roles.js';
import type { ContactMeans } from './contact-means.js';
import { Refusal } from '../refusal/refusal.js';
import { renderTemplate, type Locale, type TemplateSource } from './templates.js';

/**
 * docs/playbook.md §8: a demand about a partner's product gets the customer told that the partner
 * will contact them, and the leader asked (internal note) to notify the partner's support. The case
 * stays on the leader's pending list until that notification is recorded.
 */
export interface PartnerCase {
  readonly partnerName: string;
  readonly productName: string;
  readonly markedBy: string;
  readonly markedAt: Date;
  readonly notification: PartnerNotification | null;
}

export interface PartnerNotification {
  readonly at: Date;
  readonly by: string;
  readonly means: ContactMeans;
  readonly note: string;
}

export interface PartnerProductTexts {
  /** Public reply to the customer. */
  readonly customerMessage: string;
  /** Internal note to the leader. */
  readonly leaderNote: string;
}

export function markPartnerProduct(input: {
  partnerName: string;
  productName: string;
  markedBy: string;
  at: Date;
}): PartnerCase {
  const partnerName = input.partnerName.trim();
  const productName = input.productName.trim();
  if (!partnerName || !productName)
    throw Refusal.invalid(partnerName ? 'productName' : 'partnerName', 'Name the partner and its product');
  return { partnerName, productName, markedBy: input.markedBy, markedAt: input.at, notification: null };
}

export function partnerProductTexts(
  source: TemplateSource,
  locale: Locale,
  partnerCase: PartnerCase,
  ticket: { ticketNumber: string; customerName: string; agentName: string },
): PartnerProductTexts {
  const view = { ...ticket, partnerName: partnerCase.partnerName, productName: partnerCase.productName };
  return {
    customerMessage: renderTemplate(source, 'partner-product.customer-message', locale, view),
    leaderNote: renderTemplate(source, 'partner-product.leader-note', locale, view),
  };
}

/** Only a leader notifies a partner's support, once. */
export function recordPartnerNotified(
  partnerCase: PartnerCase,
  notification: PartnerNotification,
  roles: readonly Role[],
): PartnerCase {
  if (!roleAllows(roles, ['leader'])) throw Refusal.forbidden("Only a leader records the partner's notification");
  if (partnerCase.notification) throw Refusal.conflict('The partner was already notified');
  if (notification.at < partnerCase.markedAt)
    throw Refusal.invalid('(body)', 'The notification cannot precede the marking');
  return { ...partnerCase, notification };
}

/** The leader's pending list: partner cases not yet notified, oldest first. */
export function pendingPartnerNotifications<T extends { readonly partnerCase: PartnerCase }>(items: readonly T[]): T[] {
  return items
    .filter((item) => !item.partnerCase.notification)
    .sort((a, b) => a.partnerCase.markedAt.getTime() - b.partnerCase.markedAt.getTime());
}
