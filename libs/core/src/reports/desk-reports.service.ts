import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { BusinessCalendarsService } from '../sla/business-calendars.service.js';
import { PERIOD_END, PERIOD_START, periodParams } from './report-period.js';
import type { ReportPeriod } from './report.schemas.js';
import type { ReportCell, ReportTable } from './report-table.js';

/** Cancellation tickets opened in the period by recorded reason, and the partner/competitor system named. */
const CANCELLATIONS = `
  select coalesce(p.cancellation_reason ->> 'code', 'not-recorded') as reason,
         nullif(p.cancellation_reason ->> 'competitorSystem', '') as "competitorSystem",
         count(*)::int as tickets
    from tickets t
    left join ticket_playbook p on p.ticket_id = t.id
   where t.category = 'cancelamento' and t.created_at >= ${PERIOD_START} and t.created_at < ${PERIOD_END}
   group by 1, 2
   order by tickets desc, reason, "competitorSystem" nulls first`;

/**
 * Third-party mediations started in the period, per third party: how long we waited from the first
 * contact to its conclusion (or until now while still open) and how often we had to resend.
 */
const THIRD_PARTY_WAITS = `
  with mediations as (
    select p.mediation ->> 'thirdPartyName' as "thirdParty",
           (p.mediation -> 'attempts' -> 0 ->> 'at')::timestamptz as started,
           (p.mediation ->> 'concludedAt')::timestamptz as concluded,
           jsonb_array_length(p.mediation -> 'attempts') - 1 as resends
      from ticket_playbook p
     where p.mediation is not null and jsonb_array_length(p.mediation -> 'attempts') > 0)
  select "thirdParty",
         count(*)::int as mediations,
         count(*) filter (where concluded is null)::int as open,
         round((avg(extract(epoch from coalesce(concluded, ?::timestamptz) - started)) / 3600)::numeric, 1)::float as "averageWaitHours",
         round((max(extract(epoch from coalesce(concluded, ?::timestamptz) - started)) / 3600)::numeric, 1)::float as "longestWaitHours",
         sum(resends)::int as resends
    from mediations
   where started >= ${PERIOD_START} and started < ${PERIOD_END}
   group by "thirdParty"
   order by "averageWaitHours" desc`;

/**
 * Per day: tickets opened, tickets resolved or closed, and the backlog left open at the day's end
 * (a ticket's status at an instant is its last status change before it, from the clock facts).
 */
const BACKLOG = `
  with days as (
    select day::date as day,
           (day::date)::timestamp at time zone ? as starts,
           (day::date + 1)::timestamp at time zone ? as ends
      from generate_series((?)::date, (?)::date, interval '1 day') day)
  select to_char(d.day, 'YYYY-MM-DD') as day,
         (select count(*) from tickets t where t.created_at >= d.starts and t.created_at < d.ends)::int as opened,
         (select count(*) from ticket_clock_events e
           where e.kind = 'status-changed' and e.status in ('resolved', 'closed')
             and e.occurred_at >= d.starts and e.occurred_at < d.ends)::int as closed,
         (select count(*) from tickets t
           where t.created_at < d.ends
             and coalesce((select e.status from ticket_clock_events e
                            where e.ticket_id = t.id and e.kind = 'status-changed' and e.occurred_at < d.ends
                            order by e.id desc limit 1), 'new') not in ('resolved', 'closed'))::int as backlog
    from days d
   order by d.day`;

/** Reports read straight from the playbook records and the clock facts. */
@Injectable()
export class DeskReportsService {
  constructor(
    private readonly em: EntityManager,
    private readonly calendars: BusinessCalendarsService,
  ) {}

  async cancellations(period: ReportPeriod): Promise<ReportTable> {
    const rows = await this.rows(CANCELLATIONS, period, []);
    return { ...period, report: 'cancellation-reasons', columns: ['reason', 'competitorSystem', 'tickets'], rows };
  }

  async thirdPartyWaits(period: ReportPeriod, now: Date): Promise<ReportTable> {
    const rows = await this.rows(THIRD_PARTY_WAITS, period, [now.toISOString(), now.toISOString()]);
    const columns = ['thirdParty', 'mediations', 'open', 'averageWaitHours', 'longestWaitHours', 'resends'];
    return { ...period, report: 'third-party-waits', columns, rows };
  }

  async backlog(period: ReportPeriod): Promise<ReportTable> {
    const { timeZone } = await this.calendars.config();
    const rows = await this.em.execute<Record<string, ReportCell>[]>(BACKLOG, [
      timeZone,
      timeZone,
      period.from,
      period.to,
    ]);
    return { ...period, report: 'backlog', columns: ['day', 'opened', 'closed', 'backlog'], rows };
  }

  private async rows(sql: string, period: ReportPeriod, before: readonly unknown[]) {
    const { timeZone } = await this.calendars.config();
    return this.em.execute<Record<string, ReportCell>[]>(sql, [...before, ...periodParams(period, timeZone)]);
  }
}
