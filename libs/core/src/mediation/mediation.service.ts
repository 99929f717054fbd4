import { Injectable } from '@nestjs/common';
import {
  Refusal,
  concludeMediation,
  openMediation,
  recordContactSent,
  recordThirdPartyRefusal,
  historyMessage,
  recordThirdPartyReply,
  type Mediation,
} from '@escala/domain';
import { revive, toStored } from '../persistence/stored-json.js';
import { TicketPlaybookStore, type PlaybookStep } from '../playbook/ticket-playbook.repository.js';
import { TimersService } from '../timers/timers.service.js';
import { callerLabel, type TicketCaller } from '../tickets/ticket-view.js';
import { mediationTimers, ticketSubject, MEDIATION_TIMER_PREFIX, type StoredMediation } from './mediation-record.js';
import type { MediationContactInput, MediationReplyInput, OpenMediationInput } from './mediation.schemas.js';

/**
 * Third-party mediation on a ticket (docs/playbook.md §7): what the agent records. Every change re-plans the
 * durable timers in the same transaction; `MediationFollowUp` acts when they fire.
 */
@Injectable()
export class MediationService {
  constructor(
    private readonly store: TicketPlaybookStore,
    private readonly timers: TimersService,
  ) {}

  async get(ticketId: string) {
    const { record } = await this.store.read(ticketId);
    const mediation = revive<StoredMediation>(record?.mediation);
    if (!mediation) return { mediation: null, report: null };
    return {
      mediation,
      report: record?.mediationReport ?? null,
      deadlines: mediationTimers(ticketId, 0, mediation).map(({ eventType, dueAt }) => ({ eventType, dueAt })),
    };
  }

  open(caller: TicketCaller, ticketId: string, input: OpenMediationInput) {
    return this.update(caller, ticketId, 'ticket.mediation_opened', (current, step) => {
      if (current && (current.status === 'awaiting-first-contact' || current.status === 'waiting-third-party')) {
        throw Refusal.conflict(`A mediation with ${current.thirdPartyName} is already open on this ticket`);
      }
      step.record.mediationReport = null;
      return {
        ...openMediation(input.thirdPartyName, input.verificationNeeded),
        agentName: callerLabel(caller),
        companyName: input.companyName,
      };
    });
  }

  recordContact(caller: TicketCaller, ticketId: string, contact: MediationContactInput) {
    return this.update(caller, ticketId, 'ticket.mediation_contact_sent', (current, { now }) =>
      recordContactSent(this.required(current), { ...contact, at: now }),
    );
  }

  recordReply(caller: TicketCaller, ticketId: string, reply: MediationReplyInput) {
    return this.update(caller, ticketId, 'ticket.mediation_reply_recorded', (current, { now }) =>
      recordThirdPartyReply(this.required(current), { ...reply, at: now }),
    );
  }

  recordRefusal(caller: TicketCaller, ticketId: string, note: string) {
    return this.update(caller, ticketId, 'ticket.mediation_refused', (current, { now }) =>
      recordThirdPartyRefusal(this.required(current), { at: now, note }),
    );
  }

  conclude(caller: TicketCaller, ticketId: string) {
    return this.update(caller, ticketId, 'ticket.mediation_concluded', (current, { now }) =>
      concludeMediation(this.required(current), now),
    );
  }

  private required(current: StoredMediation | null): StoredMediation {
    if (!current) throw Refusal.conflict('No third-party mediation on this ticket');
    return current;
  }

  private update(
    caller: TicketCaller,
    ticketId: string,
    action: string,
    apply: (current: StoredMediation | null, step: PlaybookStep) => Mediation,
  ) {
    return this.store.change(caller, ticketId, action, async (step) => {
      const current = revive<StoredMediation>(step.record.mediation);
      const next = { ...current, ...apply(current, step) } as StoredMediation;
      step.record.mediation = toStored(next);
      const number = Number(step.ticket.number);
      await this.timers.sync(ticketSubject(ticketId), MEDIATION_TIMER_PREFIX, mediationTimers(ticketId, number, next));
      return {
        result: {
          mediation: next,
          deadlines: mediationTimers(ticketId, number, next).map(({ eventType, dueAt }) => ({ eventType, dueAt })),
        },
        after: { status: next.status, attempts: next.attempts.length, replies: next.replies.length },
        entries: [
          { text: historyMessage('mediation.changed', { thirdParty: next.thirdPartyName, status: next.status }) },
        ],
      };
    });
  }
}
