import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SLA_TIMER_PREFIX } from '@escala/domain';

/**
 * Open tickets whose SLA is at risk (a warning fired, the breach not yet) or breached, with who held
 * them: the durable timers already say it, so this reads them rather than recomputing every clock.
 */
const SLA_WATCH = `
  select t.id as "ticketId", t.number, t.subject, t.unit_key as "unitKey", t.assignee_id as "assigneeId",
         u.display_name as "assignee",
         bool_or(tm.kind like '%:breached' and tm.fired_at is not null) as "breached",
         min(tm.due_at) filter (where tm.kind like '%:breached') as "dueAt"
    from tickets t
    join timers tm on tm.subject_type = 'ticket' and tm.subject_id = t.id::text and tm.kind like ?
    left join users u on u.id = t.assignee_id
   where t.status not in ('resolved', 'closed')
   group by t.id, u.display_name
  having bool_or(tm.kind like '%:breached' and tm.fired_at is not null)
      or (bool_or(tm.kind like '%:warning:%' and tm.fired_at is not null)
          and bool_or(tm.kind like '%:breached' and tm.fired_at is null))
   order by "dueAt" nulls last`;

/** Priority and dev-request prioritisation requests waiting for a leader (seed 002 §9). */
const PENDING_PRIORITY = `
  select p.id, p.kind, p.ticket_id as "ticketId", t.number, t.subject, t.unit_key as "unitKey",
         p.justification, p.requested_at as "requestedAt", u.display_name as "requestedBy"
    from priority_requests p
    join tickets t on t.id = p.ticket_id
    left join users u on u.id = p.requested_by
   where p.status = 'pending'
   order by p.requested_at`;

interface SlaRow {
  ticketId: string;
  number: string;
  subject: string;
  unitKey: string;
  assigneeId: string | null;
  assignee: string | null;
  breached: boolean;
  dueAt: Date | null;
}

interface PriorityRow {
  id: string;
  kind: string;
  ticketId: string;
  number: string;
  subject: string;
  unitKey: string;
  justification: string;
  requestedAt: Date;
  requestedBy: string | null;
}

@Injectable()
export class DashboardService {
  constructor(private readonly em: EntityManager) {}

  async overview() {
    const [sla, priority] = await Promise.all([
      this.em.getConnection().execute<SlaRow[]>(SLA_WATCH, [`${SLA_TIMER_PREFIX}%`]),
      this.em.getConnection().execute<PriorityRow[]>(PENDING_PRIORITY),
    ]);
    return {
      sla: sla.map((row) => ({
        ...row,
        number: Number(row.number),
        state: row.breached ? ('breached' as const) : ('at-risk' as const),
      })),
      pendingPriorityRequests: priority.map((row) => ({ ...row, number: Number(row.number) })),
    };
  }
}
