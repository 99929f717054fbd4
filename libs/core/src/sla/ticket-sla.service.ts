import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
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
import { Clock } from '../clock/clock.js';
import type { Ticket } from '../persistence/entities/index.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { TimersService } from '../timers/timers.service.js';
import { BusinessCalendarsService } from './business-calendars.service.js';
import { CLOCK_ACTIONS, clockEventsOf, type TicketHistoryRecord } from './ticket-clock-events.js';

const CLOCK_ACTION_LIST = [...CLOCK_ACTIONS].map((action) => `'${action}'`).join(', ');

/** The clock-relevant part of a ticket's audit trail, with only the fields the clocks read. */
const HISTORY = `
  select action, actor_id as "actorId", occurred_at as "occurredAt",
    jsonb_build_object('unitKey', after->'unitKey', 'structureVersion', after->'structureVersion', 'status', after->'status',
      'takeover', after->'takeover') as after
  from audit_records
  where subject_type = 'ticket' and subject_id = ? and action in (${CLOCK_ACTION_LIST})
  order by id`;

/**
 * A ticket's SLA clocks, replayed from its audit trail under the targets of the structure version
 * each tier/stage was entered under; their warning and breach timers are synced inside every
 * ticket change's transaction.
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
  ) {}

  /** Only a change that can move a clock (not tags or an assignment) recomputes the timers. */
  async sync(tx: EntityManager, ticket: Ticket, action: string): Promise<void> {
    if (!CLOCK_ACTIONS.has(action)) return;
    const { history, context } = await this.load(tx, ticket.id);
    const last = history.at(-1);
    if (!last) return;
    const events = clockEventsOf(history);
    if (action === 'ticket.status_changed') this.recordPauses(ticket.id, events, last.occurredAt, context);
    const planned = this.planned(ticket, computeClocks(events, context, this.clock.now()), {
      number: Number(ticket.number),
    });
    await this.timers.sync({ type: 'ticket', id: ticket.id }, SLA_TIMER_PREFIX, planned);
  }

  /** A new ticket's clocks start with it; its history is only its creation, so nothing is read. */
  async created(write: CombinedWrite, ticket: Ticket): Promise<void> {
    const history: TicketHistoryRecord[] = [
      {
        action: 'ticket.created',
        actorId: ticket.createdBy ?? null,
        after: { unitKey: ticket.unitKey, structureVersion: ticket.structureVersion },
        occurredAt: ticket.createdAt,
      },
    ];
    const context = await this.contextOf(history);
    const planned = this.planned(ticket, computeClocks(clockEventsOf(history), context, this.clock.now()), {});
    this.timers.armNew(write, { type: 'ticket', id: ticket.id }, planned, (payload) =>
      write.withFirst(payload, { number: 'number' }),
    );
  }

  private planned(ticket: Ticket, clocks: readonly SlaClock[], extra: Record<string, unknown>) {
    return plannedSlaTimers(ticket.id, clocks).map((timer) => ({
      ...timer,
      // The clock's tier owns the breach ("blame"); the leader to alert is that tier's.
      payload: { ...timer.payload, ...extra, blamedTier: timer.payload.tier, currentUnit: ticket.unitKey },
    }));
  }

  /** "Why is this due at X?" for every clock the ticket has had. */
  async explain(ticketId: string) {
    const now = this.clock.now();
    const { history, context } = await this.load(this.em, ticketId);
    if (history.length === 0) throw new NotFoundException(`No ticket with id ${ticketId}`);
    const clocks = computeClocks(clockEventsOf(history), context, now);
    return { ticketId, now, clocks: clocks.map((clock) => explainClock(clock, context.calendar, now)) };
  }

  private async load(
    em: EntityManager,
    ticketId: string,
  ): Promise<{ history: TicketHistoryRecord[]; context: SlaContext }> {
    const rows = await em.execute<(Omit<TicketHistoryRecord, 'occurredAt'> & { occurredAt: string })[]>(HISTORY, [
      ticketId,
    ]);
    const records = rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
    return { history: records, context: await this.contextOf(records) };
  }

  /** The targets of each tier/stage under the structure version it was entered with, and the desk calendar. */
  private async contextOf(history: readonly TicketHistoryRecord[]): Promise<SlaContext> {
    const entered = history.filter((r) => r.action === 'ticket.created' || r.action === 'ticket.escalated');
    const byVersion = await this.structures.definitions([
      ...new Set(entered.map((r) => Number(r.after?.structureVersion))),
    ]);
    const targets: Record<string, Partial<Record<ClockKind, SlaTarget>>> = {};
    for (const record of entered) {
      const tier = String(record.after?.unitKey);
      const unit = byVersion.get(Number(record.after?.structureVersion))?.units.find((u) => u.key === tier);
      if (unit) targets[tier] = targetsOf(unit);
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
