import { CONTACT_MEANS_LABELS } from './contact-means.js';
import { Refusal } from '../refusal/refusal.js';
import { formatInstant } from './instant-format.js';
import {
  REPORT_AFTER_MS,
  dueMediationActions,
  type ContactAttempt,
  type Mediation,
  type ThirdPartyReply,
} from './third-party-mediation.js';
import { renderTemplate, type Locale, type TemplateSource } from './templates.js';

/** What goes back to the customer when the third party stays silent for 72 h or refuses us. */
export interface MediationReport {
  readonly ticketNumber: string;
  readonly thirdPartyName: string;
  readonly verificationNeeded: string;
  readonly cause: 'no-reply' | 'refused-by-third-party';
  readonly refusalNote: string | null;
  readonly attempts: readonly ContactAttempt[];
  readonly replies: readonly ThirdPartyReply[];
  readonly producedAt: Date;
}

export function buildMediationReport(mediation: Mediation, ticketNumber: string, producedAt: Date): MediationReport {
  if (!dueMediationActions(mediation, producedAt).includes('third-party.report'))
    throw Refusal.conflict('The report is not due');
  return {
    ticketNumber,
    thirdPartyName: mediation.thirdPartyName,
    verificationNeeded: mediation.verificationNeeded,
    cause: mediation.refusal ? 'refused-by-third-party' : 'no-reply',
    refusalNote: mediation.refusal?.note ?? null,
    attempts: mediation.attempts,
    replies: mediation.replies,
    producedAt,
  };
}

const ATTEMPT_KIND_LABELS = {
  initial: { 'pt-BR': 'contato inicial', en: 'initial contact' },
  resend: { 'pt-BR': 'reenvio', en: 'resend' },
} as const;

export function renderMediationReport(
  source: TemplateSource,
  locale: Locale,
  report: MediationReport,
  timeZone?: string,
): string {
  return renderTemplate(source, 'third-party.report', locale, {
    ticketNumber: report.ticketNumber,
    thirdPartyName: report.thirdPartyName,
    verificationNeeded: report.verificationNeeded,
    refusedByThirdParty: report.cause === 'refused-by-third-party',
    refusalNote: report.refusalNote ?? '',
    hoursWithoutReply: REPORT_AFTER_MS / 3_600_000,
    attempts: report.attempts.map((attempt) => ({
      at: formatInstant(attempt.at, locale, timeZone),
      kind: ATTEMPT_KIND_LABELS[attempt.kind][locale],
      means: CONTACT_MEANS_LABELS[attempt.means][locale],
      to: attempt.to,
    })),
    replies: report.replies.map((reply) => ({ at: formatInstant(reply.at, locale, timeZone), summary: reply.summary })),
  });
}

/** The draft reply to the customer: another contact means or direct contact, with the report attached. */
export function draftMediationCustomerMessage(
  source: TemplateSource,
  locale: Locale,
  report: MediationReport,
  customerName: string,
  timeZone?: string,
): string {
  const key =
    report.cause === 'refused-by-third-party'
      ? 'third-party.customer-message.refused'
      : 'third-party.customer-message.no-reply';
  return renderTemplate(source, key, locale, {
    customerName,
    ticketNumber: report.ticketNumber,
    thirdPartyName: report.thirdPartyName,
    attemptCount: report.attempts.length,
    report: renderMediationReport(source, locale, report, timeZone),
  });
}

/** The text resent to the third party when 24 h pass without a reply. */
export function draftResendRequest(
  source: TemplateSource,
  locale: Locale,
  mediation: Mediation,
  sender: { agentName: string; companyName: string; customerName: string },
  timeZone?: string,
): string {
  const first = mediation.attempts[0];
  if (!first) throw Refusal.conflict('Nothing to resend before the first contact');
  return renderTemplate(source, 'third-party.resend-request', locale, {
    ...sender,
    thirdPartyName: mediation.thirdPartyName,
    verificationNeeded: mediation.verificationNeeded,
    firstContactAt: formatInstant(first.at, locale, timeZone),
  });
}
