import {
  CANCELLATION_CATEGORY,
  missingForCancellationClosure,
  type CancellationContact,
} from '../playbook/cancellation.js';
import { nextMediationDeadlines, type Mediation } from '../playbook/third-party-mediation.js';
import type { HeldTicketFacts } from './pending-items.js';

/**
 * docs/playbook.md §1: the customer is contacted about a cancellation before anything else is done with it.
 * Calendar hours, like the third-party 24 h / 72 h: a cancellation taken late on Friday makes
 * calling the customer the first thing on Monday.
 */
export const DEFAULT_CANCELLATION_CONTACT_HOURS = 4;

/** What the playbook has recorded on a ticket an agent holds, as far as steps owed go. */
export interface PlaybookStepFacts {
  category: string;
  mediation: Mediation | null;
  /** When the mediation report (72 h without an answer, or the third party's refusal) was produced. */
  mediationReportAt: Date | null;
  lastPublicReplyAt: Date | null;
  cancellationContact: CancellationContact | null;
  /** Since when the current holder holds the ticket. */
  heldSince: Date | null;
}

export type OwedStep = HeldTicketFacts['owedSteps'][number];

const HOUR_MS = 3_600_000;

/**
 * The playbook steps owed on a held ticket (descriptions in pt-BR, like the ticket history the agents read), each with the instant it became (or becomes) due;
 * `pendingItems` keeps those due by now. Nothing here reads the ticket's status.
 * - third party: a resend or the report whose time has come but that is not recorded yet; and, once
 *   the third party answered with information or the report was produced, the answer to the
 *   customer, until one of us replies publicly after it;
 * - cancellation: the customer contact (when, how, with whom), due `contactWithinHours` after the
 *   holder took the ticket.
 */
export function owedPlaybookSteps(
  facts: PlaybookStepFacts,
  now: Date,
  contactWithinHours = DEFAULT_CANCELLATION_CONTACT_HOURS,
): OwedStep[] {
  return [...thirdPartySteps(facts, now), ...cancellationSteps(facts, now, contactWithinHours)];
}

function thirdPartySteps(
  { mediation, mediationReportAt, lastPublicReplyAt }: PlaybookStepFacts,
  now: Date,
): OwedStep[] {
  if (!mediation) return [];
  const steps: OwedStep[] = [];
  // When the report is due a resend is pointless (as in `dueMediationActions`): the report is the step.
  const due = nextMediationDeadlines(mediation).filter((deadline) => deadline.dueAt <= now);
  const missed = due.find((deadline) => deadline.kind === 'third-party.report') ?? due[0];
  if (missed) {
    const what =
      missed.kind === 'third-party.report'
        ? 'Produzir o relatório das tentativas de contato com'
        : 'Reenviar o pedido de avaliação a';
    steps.push({ kind: 'third-party', description: `${what} ${mediation.thirdPartyName}`, dueAt: missed.dueAt });
  }
  const news = latest([
    mediationReportAt,
    ...mediation.replies.filter((reply) => reply.withInformation).map((reply) => reply.at),
  ]);
  if (news && (!lastPublicReplyAt || lastPublicReplyAt < news)) {
    const what =
      mediationReportAt && news.getTime() === mediationReportAt.getTime() ? 'o relatório sobre' : 'o retorno de';
    steps.push({
      kind: 'third-party',
      description: `Responder ao cliente com ${what} ${mediation.thirdPartyName}`,
      dueAt: news,
    });
  }
  return steps;
}

function cancellationSteps(
  { category, cancellationContact, heldSince }: PlaybookStepFacts,
  now: Date,
  contactWithinHours: number,
): OwedStep[] {
  if (category !== CANCELLATION_CATEGORY || !heldSince) return [];
  if (!missingForCancellationClosure({ category, contact: cancellationContact }, now).includes('customer-contact'))
    return [];
  return [
    {
      kind: 'cancellation',
      description: 'Contatar o cliente sobre o cancelamento e registrar quando, por qual meio e com quem',
      dueAt: new Date(heldSince.getTime() + contactWithinHours * HOUR_MS),
    },
  ];
}

function latest(instants: readonly (Date | null)[]): Date | null {
  const known = instants.filter((instant): instant is Date => instant !== null);
  return known.length === 0 ? null : new Date(Math.max(...known.map((instant) => instant.getTime())));
}
