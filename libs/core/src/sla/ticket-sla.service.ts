import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Refusal,
  computeClocks,
  explainClock,
  plannedSlaTimers,
  slaPolicy,
  SLA_TIMER_PREFIX,
  type ClockEvent,
  type ClockKind,
  type SlaClock,
  type SlaContext,
  type SlaTarget,
  type SupportStructure,
} from '@escala/domain';
import { AuditService } from '../audit/audit.service.js';
import type { CombinedWrite } from '../persistence/combined-write.js';
import { Clock } from '../clock/clock.service.js';
import type { Ticket } from '../persistence/entities/index.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { callerId, type TicketCaller } from '../tickets/ticket-view.js';
import { TimersService } from '../timers/timers.service.js';
import { BusinessCalendarsService } from './business-calendars.service.js';
import { clockEventsOf, clockFactOf, type TicketClockFact } from './ticket-clock-events.js';
import { TicketClockEvents } from './ticket-clock-events.repository.js';

/**
 * A ticket's SLA clocks, replayed from its clock facts under the targets of the structure version
 * each unit was entered under; each change's fact and the warning and breach timers are
 * written inside that change's transaction.
 */
@Injectable()
export class TicketSlaService {
  constructor(
    private readonly em: EntityManager,
    private readonly timers: TimersService,
    private readonly calendars: BusinessCalendarsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly structures: SupportStructureService,
    private readonly facts: TicketClockEvents,
  ) {}

  /** Only a change that can move a clock (not tags or an assignment) is recorded and recomputes the timers. */
  async sync(tx: EntityManager, ticket: Ticket, action: string, caller: TicketCaller): Promise<void> {
    const now = this.clock.now();
    const fact = clockFactOf(action, ticket, callerId(caller), now);
    if (!fact) return;
    const history = await this.facts.record(tx, ticket.id, fact);
    const context = await this.contextOf(history);
    const events = clockEventsOf(history);
    if (fact.kind === 'status-changed') this.recordPauses(ticket.id, events, now, context);
    const planned = this.planned(ticket, computeClocks(events, context, now), { number: Number(ticket.number) });
    await this.timers.sync({ type: 'ticket', id: ticket.id }, SLA_TIMER_PREFIX, planned);
  }

  /** A new ticket's clocks start with it; its history is only its creation, so nothing is read. */
  async created(write: CombinedWrite, ticket: Ticket): Promise<void> {
    const fact: TicketClockFact = {
      kind: 'created',
      actorId: ticket.createdBy ?? null,
      unitKey: ticket.unitKey,
      structureVersion: ticket.structureVersion,
      status: null,
      occurredAt: ticket.createdAt,
    };
    this.facts.recordNew(write, ticket.id, fact);
    const history = [fact];
    const context = await this.contextOf(history);
    const planned = this.planned(ticket, computeClocks(clockEventsOf(history), context, this.clock.now()), {});
    this.timers.armNew(write, { type: 'ticket', id: ticket.id }, planned, (payload) =>
      write.withFirst(payload, { number: 'number' }),
    );
  }

  private planned(ticket: Ticket, clocks: readonly SlaClock[], extra: Record<string, unknown>) {
    return plannedSlaTimers(ticket.id, clocks).map((timer) => ({
      ...timer,
      // The clock's unit owns the breach ("blame"); the leader to alert is that unit's.
      payload: { ...timer.payload, ...extra, blamedUnit: timer.payload.unitKey, currentUnit: ticket.unitKey },
    }));
  }

  /** "Why is this due at X?" for every clock the ticket has had. */
  async explain(ticketId: string) {
    const now = this.clock.now();
    const history = await this.facts.of(this.em, ticketId);
    if (history.length === 0) throw Refusal.notFound(`No ticket with id ${ticketId}`);
    const context = await this.contextOf(history);
    const clocks = computeClocks(clockEventsOf(history), context, now);
    return { ticketId, now, clocks: clocks.map((clock) => explainClock(clock, context.calendar, now)) };
  }

  /** The clocks of several tickets as they stand now, for reports (one read of the facts). */
  async clocksOf(ticketIds: readonly string[]): Promise<Map<string, SlaClock[]>> {
    const now = this.clock.now();
    const clocks = new Map<string, SlaClock[]>();
    for (const [ticketId, history] of await this.facts.ofMany(this.em, ticketIds)) {
      clocks.set(ticketId, computeClocks(clockEventsOf(history), await this.contextOf(history), now));
    }
    return clocks;
  }

  /** The targets of each unit under the structure version it was entered with, and the desk calendar. */
  private async contextOf(history: readonly TicketClockFact[]): Promise<SlaContext> {
    const entered = history.filter((fact) => fact.kind === 'created' || fact.kind === 'escalated');
    const byVersion = await this.structures.definitions([
      ...new Set(entered.map((fact) => Number(fact.structureVersion))),
    ]);
    const targets: Record<string, Partial<Record<ClockKind, SlaTarget>>> = {};
    for (const fact of entered) {
      const unitKey = String(fact.unitKey);
      const unit = byVersion.get(Number(fact.structureVersion))?.units.find((u) => u.key === unitKey);
      if (unit) targets[unitKey] = targetsOf(unit);
    }
    return { policy: slaPolicy(targets), calendar: await this.calendars.calendar() };
  }

  /** Each pause and resume of the clocks goes to the audit trail with its reason. */
  private recordPauses(ticketId: string, events: readonly ClockEvent[], at: Date, context: SlaContext): void {
    for (const event of events) {
      if (event.at.getTime() !== at.getTime()) continue;
      if (event.type === 'paused' && context.policy.pauseOn.includes(event.reason)) {
        this.audit.record({
          actor: { system: 'sla' },
          action: 'sla.paused',
          subjectType: 'ticket',
          subjectId: ticketId,
          after: { reason: event.reason, at },
        });
      } else if (event.type === 'resumed') {
        this.audit.record({
          actor: { system: 'sla' },
          action: 'sla.resumed',
          subjectType: 'ticket',
          subjectId: ticketId,
          after: { at },
        });
      }
    }
  }
}

function targetsOf(unit: SupportStructure['units'][number]): Partial<Record<ClockKind, SlaTarget>> {
  const targets: Partial<Record<ClockKind, SlaTarget>> = {};
  if (unit.firstResponseHours) {
    targets['first-response'] = {
      hours: unit.firstResponseHours,
      basis: 'business',
      ...(unit.talksToCustomers ? {} : { metBy: 'agent-action' as const }),
    };
  }
  if (unit.analysisHours) targets.analysis = { hours: unit.analysisHours, basis: 'business' };
  return targets;
}
