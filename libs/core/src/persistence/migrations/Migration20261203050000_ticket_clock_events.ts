import { Migration } from '@mikro-orm/migrations';

const CLOCK_ACTIONS = `('ticket.created', 'ticket.escalated', 'ticket.replied', 'ticket.status_changed', 'ticket.note_added', 'ticket.analysis_recorded')`;

/**
 * The facts SLA clocks, pending work and priority requests decide on get their own columns, so
 * the audit trail can change its wording for people without moving a clock. Both are filled from
 * the existing trail once, here.
 */
export class Migration20261203050000_ticket_clock_events extends Migration {
  override name = 'Migration20261203050000_ticket_clock_events';

  override up(): void {
    this.addSql(`
      create table ticket_clock_events (
        id bigint generated always as identity primary key,
        ticket_id uuid not null references tickets (id) on delete cascade,
        kind text not null check (kind in ('created', 'escalated', 'replied', 'agent-action', 'status-changed')),
        actor_id uuid null,
        unit_key text null,
        structure_version integer null,
        status text null,
        occurred_at timestamptz not null,
        check ((kind in ('created', 'escalated')) = (unit_key is not null)),
        check ((kind = 'status-changed') = (status is not null))
      )`);
    this.addSql(`create index ticket_clock_events_ticket_idx on ticket_clock_events (ticket_id, id)`);
    this.addSql(`
      insert into ticket_clock_events (ticket_id, kind, actor_id, unit_key, structure_version, status, occurred_at)
      select t.id,
        case a.action
          when 'ticket.created' then 'created' when 'ticket.escalated' then 'escalated'
          when 'ticket.replied' then 'replied' when 'ticket.status_changed' then 'status-changed'
          else 'agent-action' end,
        a.actor_id,
        case when a.action in ('ticket.created', 'ticket.escalated') then a.after ->> 'unitKey' end,
        case when a.action in ('ticket.created', 'ticket.escalated') then (a.after ->> 'structureVersion')::integer end,
        case when a.action = 'ticket.status_changed' then a.after ->> 'status' end,
        a.occurred_at
      from audit_records a join tickets t on t.id::text = a.subject_id
      where a.subject_type = 'ticket' and a.action in ${CLOCK_ACTIONS}
        -- the move to in_analysis a take-over makes by itself leaves no fact: it is not the agent's action
        and coalesce(a.after ->> 'takeover', 'false') <> 'true'
      order by a.id`);

    // When the current assignee got the ticket (a cancellation's contact is owed within hours of it).
    this.addSql(`alter table tickets add column assigned_at timestamptz null`);
    this.addSql(`
      update tickets t set assigned_at = (
        select max(a.occurred_at) from audit_records a
        where a.subject_type = 'ticket' and a.subject_id = t.id::text and a.after ->> 'assigneeId' = t.assignee_id::text
          and (a.before ->> 'assigneeId') is distinct from (a.after ->> 'assigneeId'))
      where t.assignee_id is not null`);
  }

  override down(): void {
    this.addSql(`alter table tickets drop column assigned_at`);
    this.addSql(`drop table ticket_clock_events`);
  }
}
