import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  buildMediationReport,
  DEFAULT_LOCALE,
  draftMediationCustomerMessage,
  draftResendRequest,
  dueMediationActions,
  historyMessage,
  recordContactSent,
  recordReportProduced,
  renderMediationReport,
} from '@escala/domain';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import { Clock } from '../clock/clock.service.js';
import { PeriodicJob } from '../clock/periodic-job.js';
import { CustomerSchema, type Ticket, type TicketPlaybook } from '../persistence/entities/index.js';
import { PlaybookTemplatesService } from '../playbook/templates/playbook-templates.service.js';
import { revive, toStored } from '../persistence/stored-json.js';
import { TicketPlaybookStore } from '../playbook/ticket-playbook.repository.js';
import { TicketEntriesService } from '../tickets/ticket-entries.service.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { TimersService } from '../timers/timers.service.js';
import {
  mediationTimers,
  ticketSubject,
  MEDIATION_TIMER_PREFIX,
  REPORT_DUE_EVENT,
  RESEND_DUE_EVENT,
  type StoredMediation,
} from './mediation-record.js';
import { playbookHandledEvents, type DueEvent } from './playbook-handled-events.repository.js';

/** Milliseconds between follow-up runs; 0 leaves them to whoever calls `run()` (tests with a hand-moved clock). */
export const MEDIATION_FOLLOW_UP_INTERVAL_MS = Symbol('MEDIATION_FOLLOW_UP_INTERVAL_MS');

const SYSTEM = { system: 'third-party-mediation' } as const;
const BATCH = 100;

/**
 * Consumes the `third_party.*_due` events the timer tick writes to the outbox and takes the follow-up:
 * records the resend (with the text for the agent or the channel's connector), or produces the report
 * and the customer draft. Each event is claimed in `playbook_handled_events` in the transaction that
 * acts on it, so it is handled once by any number of instances; the action is decided again from the
 * mediation's state at the clock's now, so an event made stale by a reply does nothing.
 */
@Injectable()
export class MediationFollowUp implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly em: EntityManager,
    private readonly tickets: TicketsService,
    private readonly entries: TicketEntriesService,
    private readonly store: TicketPlaybookStore,
    private readonly timers: TimersService,
    private readonly templates: PlaybookTemplatesService,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
    registry: SchedulerRegistry,
    @Optional() @Inject(MEDIATION_FOLLOW_UP_INTERVAL_MS) private readonly intervalMs: number = 0,
  ) {
    this.job = new PeriodicJob(registry, 'mediation-follow-up', new Logger(MediationFollowUp.name), () => this.run());
  }

  onApplicationBootstrap(): void {
    this.job.start(this.intervalMs);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Handles every unhandled due event; returns how many led to an action. */
  async run(): Promise<number> {
    let acted = 0;
    for (;;) {
      const due = await playbookHandledEvents.unhandled(this.em.fork(), [RESEND_DUE_EVENT, REPORT_DUE_EVENT], BATCH);
      for (const event of due) if (await this.handle(event)) acted++;
      if (due.length < BATCH) return acted;
    }
  }

  private handle(event: DueEvent): Promise<boolean> {
    return this.em.fork().transactional(async (tx) => {
      const now = this.clock.now();
      if (!(await playbookHandledEvents.claim(tx, event.id, now))) return false;
      const ticket = await this.tickets.lock(tx, event.ticketId);
      const record = await this.store.recordOf(tx, ticket.id);
      const mediation = revive<StoredMediation>(record.mediation);
      const due = mediation ? dueMediationActions(mediation, now) : [];
      if (!mediation || due.length === 0) return false;
      const next = due.includes('third-party.report')
        ? await this.report(tx, ticket, record, mediation, now)
        : await this.resend(tx, ticket, mediation, now);
      record.mediation = toStored(next);
      record.updatedAt = now;
      await this.timers.sync(
        ticketSubject(ticket.id),
        MEDIATION_TIMER_PREFIX,
        mediationTimers(ticket.id, Number(ticket.number), next),
      );
      await tx.flush();
      return true;
    });
  }

  private async resend(
    tx: EntityManager,
    ticket: Ticket,
    mediation: StoredMediation,
    now: Date,
  ): Promise<StoredMediation> {
    const last = mediation.attempts[mediation.attempts.length - 1]!;
    const customerName = (await tx.findOne(CustomerSchema, { id: ticket.customerId }))?.name ?? '';
    const text = draftResendRequest(await this.templates.source(), DEFAULT_LOCALE, mediation, {
      agentName: mediation.agentName,
      companyName: mediation.companyName,
      customerName,
    });
    const next = { ...mediation, ...recordContactSent(mediation, { at: now, means: last.means, to: last.to }) };
    this.entries.append(
      tx,
      ticket,
      SYSTEM,
      'internal',
      historyMessage('mediation.resent', { thirdParty: mediation.thirdPartyName, to: last.to, text }),
    );
    const payload = {
      ticketId: ticket.id,
      number: Number(ticket.number),
      thirdPartyName: mediation.thirdPartyName,
      means: last.means,
      to: last.to,
      text,
    };
    this.journal.record({
      actor: SYSTEM,
      action: 'ticket.mediation_resent',
      subjectType: 'ticket',
      subjectId: ticket.id,
      after: { attempts: next.attempts.length },
      events: [domainEvent('third_party.resend_recorded', payload)],
    });
    return next;
  }

  private async report(
    tx: EntityManager,
    ticket: Ticket,
    record: TicketPlaybook,
    mediation: StoredMediation,
    now: Date,
  ): Promise<StoredMediation> {
    const number = String(ticket.number);
    const report = buildMediationReport(mediation, number, now);
    const source = await this.templates.source();
    const customerName = (await tx.findOne(CustomerSchema, { id: ticket.customerId }))?.name ?? '';
    const text = renderMediationReport(source, DEFAULT_LOCALE, report);
    const customerDraft = draftMediationCustomerMessage(source, DEFAULT_LOCALE, report, customerName);
    record.mediationReport = {
      cause: report.cause,
      producedAt: now.toISOString(),
      attemptCount: report.attempts.length,
      text,
      customerDraft,
    };
    this.entries.append(tx, ticket, SYSTEM, 'internal', text);
    const payload = {
      ticketId: ticket.id,
      number: Number(ticket.number),
      thirdPartyName: mediation.thirdPartyName,
      cause: report.cause,
    };
    this.journal.record({
      actor: SYSTEM,
      action: 'ticket.mediation_reported',
      subjectType: 'ticket',
      subjectId: ticket.id,
      after: { cause: report.cause },
      events: [domainEvent('third_party.report_produced', payload)],
    });
    return { ...mediation, ...recordReportProduced(mediation, now) };
  }
}
