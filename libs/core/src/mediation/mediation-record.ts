import { nextMediationDeadlines, type Mediation } from '@escala/domain';
import type { TimerSpec, TimerSubject } from '../timers/timer-spec.js';

/** The mediation as stored on the ticket's playbook record: the domain's state plus who speaks for us. */
export type StoredMediation = Mediation & { readonly agentName: string; readonly companyName: string };

export const MEDIATION_TIMER_PREFIX = 'third-party.';
export const RESEND_DUE_EVENT = 'third_party.resend_due';
export const REPORT_DUE_EVENT = 'third_party.report_due';

export const ticketSubject = (ticketId: string): TimerSubject => ({ type: 'ticket', id: ticketId });

/**
 * The durable timers for the mediation's next deadlines. A kind names its instant because
 * `TimersService.sync` never re-arms a kind that fired: the resend at 48 h must be a new timer.
 */
export function mediationTimers(ticketId: string, number: number, mediation: Mediation): TimerSpec[] {
  return nextMediationDeadlines(mediation).map((deadline) => ({
    kind: `${deadline.kind}@${deadline.dueAt.toISOString()}`,
    dueAt: deadline.dueAt,
    eventType: deadline.kind === 'third-party.resend' ? RESEND_DUE_EVENT : REPORT_DUE_EVENT,
    payload: { ticketId, number, thirdPartyName: mediation.thirdPartyName },
  }));
}
