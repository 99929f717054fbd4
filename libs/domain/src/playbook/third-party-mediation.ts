import { Refusal } from '../refusal/refusal.js';
import type { ContactMeans } from './contact-means.js';

/**
 * docs/playbook.md §7: we contact the third party as the company's technician. The playbook counts
 * "24h" and "72h" without saying business hours, and a third party's silence runs over weekends too,
 * so these are calendar hours (elapsed time), not business-calendar hours.
 */
export const RESEND_AFTER_MS = 24 * 60 * 60 * 1000;
export const REPORT_AFTER_MS = 72 * 60 * 60 * 1000;

export type MediationStatus = 'awaiting-first-contact' | 'waiting-third-party' | 'refused' | 'reported' | 'concluded';

export interface ContactAttempt {
  readonly at: Date;
  readonly kind: 'initial' | 'resend';
  readonly means: ContactMeans;
  /** The address, number or person reached. */
  readonly to: string;
}

export interface ThirdPartyReply {
  readonly at: Date;
  /** Whether the reply brings information for the verification; only such replies restart the 72 h. */
  readonly withInformation: boolean;
  readonly summary: string;
}

export interface Mediation {
  readonly thirdPartyName: string;
  readonly verificationNeeded: string;
  readonly status: MediationStatus;
  readonly attempts: readonly ContactAttempt[];
  readonly replies: readonly ThirdPartyReply[];
  readonly refusal: { readonly at: Date; readonly note: string } | null;
  readonly reportedAt: Date | null;
  readonly concludedAt: Date | null;
}

export type MediationDeadlineKind = 'third-party.resend' | 'third-party.report';

export interface MediationDeadline {
  readonly kind: MediationDeadlineKind;
  readonly dueAt: Date;
}

export function openMediation(thirdPartyName: string, verificationNeeded: string): Mediation {
  if (!thirdPartyName.trim() || !verificationNeeded.trim())
    throw Refusal.invalid(
      thirdPartyName.trim() ? 'verificationNeeded' : 'thirdPartyName',
      'A mediation needs the third party and the verification needed',
    );
  return {
    thirdPartyName,
    verificationNeeded,
    status: 'awaiting-first-contact',
    attempts: [],
    replies: [],
    refusal: null,
    reportedAt: null,
    concludedAt: null,
  };
}

function assertActive(mediation: Mediation, action: string): void {
  if (mediation.status === 'reported' || mediation.status === 'concluded' || mediation.status === 'refused') {
    throw Refusal.conflict(`Cannot ${action}: the mediation is ${mediation.status}`);
  }
}

function assertContacted(mediation: Mediation, at: Date, action: string): void {
  const first = mediation.attempts[0];
  if (!first) throw Refusal.conflict(`Cannot ${action} before the third party was contacted`);
  if (at < first.at) throw Refusal.conflict(`Cannot ${action} before the first contact`);
}

/** The first contact starts the clock; later ones are resends. */
export function recordContactSent(
  mediation: Mediation,
  contact: { at: Date; means: ContactMeans; to: string },
): Mediation {
  assertActive(mediation, 'record a contact');
  const attempt: ContactAttempt = { ...contact, kind: mediation.attempts.length === 0 ? 'initial' : 'resend' };
  return { ...mediation, status: 'waiting-third-party', attempts: [...mediation.attempts, attempt] };
}

export function recordThirdPartyReply(mediation: Mediation, reply: ThirdPartyReply): Mediation {
  assertActive(mediation, 'record a reply');
  assertContacted(mediation, reply.at, 'record a reply');
  return { ...mediation, replies: [...mediation.replies, reply] };
}

/** The third party will not talk to us and wants the customer: the report is due at once. */
export function recordThirdPartyRefusal(mediation: Mediation, refusal: { at: Date; note: string }): Mediation {
  assertActive(mediation, 'record a refusal');
  assertContacted(mediation, refusal.at, 'record a refusal');
  return { ...mediation, status: 'refused', refusal };
}

export function recordReportProduced(mediation: Mediation, at: Date): Mediation {
  if (!dueMediationActions(mediation, at).includes('third-party.report'))
    throw Refusal.conflict('The report is not due');
  return { ...mediation, status: 'reported', reportedAt: at };
}

/** The third party gave what was needed: no more clocks. */
export function concludeMediation(mediation: Mediation, at: Date): Mediation {
  assertActive(mediation, 'conclude');
  return { ...mediation, status: 'concluded', concludedAt: at };
}

function latest(instants: readonly Date[]): Date {
  return new Date(Math.max(...instants.map((instant) => instant.getTime())));
}

/**
 * The deadlines a durable-timer layer should hold for this mediation (replace the previous ones on
 * every change; none once reported or concluded):
 * - report: 72 h after the first contact, restarted by each reply that brings information;
 * - resend: 24 h after the last exchange either way — our contact or any reply, since a reply without
 *   information is not silence — as long as that falls before the report.
 */
export function nextMediationDeadlines(mediation: Mediation): MediationDeadline[] {
  if (mediation.status === 'refused' && mediation.refusal)
    return [{ kind: 'third-party.report', dueAt: mediation.refusal.at }];
  const first = mediation.attempts[0];
  if (mediation.status !== 'waiting-third-party' || !first) return [];
  const informative = mediation.replies.filter((reply) => reply.withInformation).map((reply) => reply.at);
  const reportDueAt = new Date(latest([first.at, ...informative]).getTime() + REPORT_AFTER_MS);
  const lastExchange = latest([
    ...mediation.attempts.map((attempt) => attempt.at),
    ...mediation.replies.map((reply) => reply.at),
  ]);
  const resendDueAt = new Date(lastExchange.getTime() + RESEND_AFTER_MS);
  const report: MediationDeadline = { kind: 'third-party.report', dueAt: reportDueAt };
  return resendDueAt < reportDueAt ? [{ kind: 'third-party.resend', dueAt: resendDueAt }, report] : [report];
}

/**
 * What is due at `now` — checked again when a timer fires, since a reply may have moved the clock
 * after it was scheduled. When the report is due a resend is pointless, so only the report is returned.
 */
export function dueMediationActions(mediation: Mediation, now: Date): MediationDeadlineKind[] {
  const due = nextMediationDeadlines(mediation)
    .filter((deadline) => deadline.dueAt <= now)
    .map((deadline) => deadline.kind);
  return due.includes('third-party.report') ? ['third-party.report'] : due;
}
