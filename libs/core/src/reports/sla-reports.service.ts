import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ClockKind, SlaClock } from '@escala/domain';
import { BusinessCalendarsService } from '../sla/business-calendars.service.js';
import { TicketSlaService } from '../sla/ticket-sla.service.js';
import { PERIOD_END, PERIOD_START, periodParams } from './report-period.js';
import type { ReportPeriod } from './report.schemas.js';
import { average, hours, median, type ReportTable } from './report-table.js';

const TICKETS_CREATED = `select id from tickets where created_at >= ${PERIOD_START} and created_at < ${PERIOD_END}`;

/**
 * Reports replayed from the SLA clocks of the tickets opened in the period, so they count exactly
 * what the clocks and the "why is this due" explanation count (business hours, pauses, holidays).
 * A breach stays with the tier whose clock ran out, even after the ticket moved on: that is its blame.
 */
@Injectable()
export class SlaReportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly sla: TicketSlaService,
    private readonly calendars: BusinessCalendarsService,
  ) {}

  async compliance(period: ReportPeriod): Promise<ReportTable> {
    const groups = groupByTierAndKind(await this.clocks(period));
    const rows = [...groups].map(([key, clocks]) => {
      const [tier, clock] = key.split('|');
      const breached = clocks.filter((c) => c.breachedAt !== null).length;
      const met = clocks.filter((c) => c.state === 'met' && c.breachedAt === null).length;
      const decided = met + breached;
      return {
        tier: tier!,
        clock: clock!,
        clocks: clocks.length,
        met,
        breached,
        open: clocks.filter((c) => (c.state === 'running' || c.state === 'paused') && c.breachedAt === null).length,
        compliancePct: decided ? Math.round((met / decided) * 1000) / 10 : null,
      };
    });
    return { ...period, report: 'sla-compliance', columns: COMPLIANCE_COLUMNS, rows };
  }

  async responseTimes(period: ReportPeriod): Promise<ReportTable> {
    const groups = groupByTierAndKind((await this.clocks(period)).filter((c) => c.state === 'met'));
    const rows = [...groups].map(([key, clocks]) => {
      const [tier, clock] = key.split('|');
      const elapsed = clocks.map((c) => c.elapsedMs);
      return {
        tier: tier!,
        clock: clock!,
        count: clocks.length,
        averageHours: hours(average(elapsed)),
        medianHours: hours(median(elapsed)),
        longestHours: hours(Math.max(...elapsed)),
      };
    });
    return { ...period, report: 'response-times', columns: RESPONSE_COLUMNS, rows };
  }

  private async clocks(period: ReportPeriod): Promise<SlaClock[]> {
    const { timeZone } = await this.calendars.config();
    const tickets = await this.em.execute<{ id: string }[]>(TICKETS_CREATED, periodParams(period, timeZone));
    const clocks = await this.sla.clocksOf(tickets.map((ticket) => ticket.id));
    return [...clocks.values()].flat();
  }
}

const COMPLIANCE_COLUMNS = ['tier', 'clock', 'clocks', 'met', 'breached', 'open', 'compliancePct'] as const;
const RESPONSE_COLUMNS = ['tier', 'clock', 'count', 'averageHours', 'medianHours', 'longestHours'] as const;

/** Clocks by "tier|kind", tiers in the order they first appear, first response before analysis. */
function groupByTierAndKind(clocks: readonly SlaClock[]): Map<string, SlaClock[]> {
  const order: Record<ClockKind, number> = { 'first-response': 0, analysis: 1 };
  const sorted = [...clocks].sort((a, b) => a.unitKey.localeCompare(b.unitKey) || order[a.kind] - order[b.kind]);
  const groups = new Map<string, SlaClock[]>();
  for (const clock of sorted) {
    const key = `${clock.unitKey}|${clock.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), clock]);
  }
  return groups;
}
