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
  type SlaContext,
  type SlaTarget,
  type SupportStructure,
} from '@escala/domain';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../clock/clock.js';
import type { Ticket } from '../persistence/entities/index.js';
import { TimersService } from '../timers/timers.service.js';
import { BusinessCalendarsService } from './business-calendars.service.js';
import { CLOCK_ACTIONS, clockEventsOf, type TicketHistoryRecord } from './ticket-clock-events.js';

const HISTORY = `select action, actor_id as "actorId", after, occurred_at as "occurredAt" from audit_records where subject_type = 'ticket' and subject_id = ? order by id`;

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
  ) {}

  async sync(tx: EntityManager, ticket: Ticket): Promise<void> {
    const last = await this.lastChange(tx, ticket.id);
    if (!last || !CLOCK_ACTIONS.has(last.action)) return;
    const { history, context } = await this.load(tx, ticket.id);
    const events = clockEventsOf(history);
    if (last.action === 'ticket.status_changed') this.recordPauses(ticket.id, events, last.occurredAt, context);
    const clocks = computeClocks(events, context, this.clock.now());
    const planned = plannedSlaTimers(ticket.id, clocks).map((timer) => ({
      ...timer,
      // The clock's tier owns the breach ("blame"); the leader to alert is that tier's.
      payload: { ...timer.payload, number: Number(ticket.number), blamedTier: timer.payload.tier, currentUnit: ticket.unitKey },
    }));
    await this.timers.sync({ type: 'ticket', id: ticket.id }, SLA_TIMER_PREFIX, planned);
  }

  private async lastChange(tx: EntityManager, ticketId: string): Promise<{ action: string; occurredAt: Date } | null> {
    const [row] = await tx.execute<{ action: string; occurredAt: string }[]>(
      `select action, occurred_at as "occurredAt" from audit_records where subject_type = 'ticket' and subject_id = ? order by id desc limit 1`,
      [ticketId],
    );
    return row ? { action: row.action, occurredAt: new Date(row.occurredAt) } : null;
  }

  /** "Why is this due at X?" for every clock the ticket has had. */
  async explain(ticketId: string) {
    const now = this.clock.now();
    const { history, context } = await this.load(this.em, ticketId);
    if (history.length === 0) throw new NotFoundException(`No ticket with id ${ticketId}`);
    const clocks = computeClocks(clockEventsOf(history), context, now);
    return { ticketId, now, clocks: clocks.map((clock) => explainClock(clock, context.calendar, now)) };
  }

  private async load(em: EntityManager, ticketId: string): Promise<{ history: TicketHistoryRecord[]; context: SlaContext }> {
    const rows = await em.execute<(Omit<TicketHistoryRecord, 'occurredAt'> & { occurredAt: string })[]>(HISTORY, [ticketId]);
    const history = rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
    const entered = history.filter((r) => r.action === 'ticket.created' || r.action === 'ticket.escalated');
    const versions = [...new Set(entered.map((r) => Number(r.after?.structureVersion)))];
    const definitions = versions.length
      ? await em.execute<{ version: number; definition: SupportStructure }[]>(
          `select version, definition from support_structure_versions where version in (${versions.map(() => '?').join(', ')})`,
          versions,
        )
      : [];
    const byVersion = new Map(definitions.map((row) => [row.version, row.definition]));
    const targets: Record<string, Partial<Record<ClockKind, SlaTarget>>> = {};
    for (const record of entered) {
      const tier = String(record.after?.unitKey);
      const unit = byVersion.get(Number(record.after?.structureVersion))?.units.find((u) => u.key === tier);
      if (unit) targets[tier] = targetsOf(unit);
    }
    return { history, context: { policy: slaPolicy(targets), calendar: await this.calendars.calendar(em) } };
  }

  /** Each pause and resume of the clocks goes to the audit trail with its reason. */
  private recordPauses(ticketId: string, events: readonly ClockEvent[], at: Date, context: SlaContext): void {
    for (const event of events) {
      if (event.at.getTime() !== at.getTime()) continue;
      if (event.type === 'paused' && context.policy.pauseOn.includes(event.reason)) {
        this.audit.record({ actor: { system: 'sla' }, action: 'sla.paused', subjectType: 'ticket', subjectId: ticketId, after: { reason: event.reason, at } });
      } else if (event.type === 'resumed') {
        this.audit.record({ actor: { system: 'sla' }, action: 'sla.resumed', subjectType: 'ticket', subjectId: ticketId, after: { at } });
      }
    }
  }
}

function targetsOf(unit: SupportStructure['units'][number]): Partial<Record<ClockKind, SlaTarget>> {
  const targets: Partial<Record<ClockKind, SlaTarget>> = {};
  if (unit.firstResponseHours) {
    targets['first-response'] = { hours: unit.firstResponseHours, basis: 'business', ...(unit.talksToCustomers ? {} : { metBy: 'agent-action' as const }) };
  }
  if (unit.analysisHours) targets.analysis = { hours: unit.analysisHours, basis: 'business' };
  return targets;
}
