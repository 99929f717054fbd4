import { Migration } from '@mikro-orm/migrations';

export class Migration20261123006000_queue_entries extends Migration {
  override name = 'Migration20261123006000_queue_entries';

  override up(): void {
    // Skip-reason flags an agent or an inbound connector sets (docs/playbook.md §4.1); cleared when the ticket is taken.
    this.addSql(
      `alter table tickets add column priority_email boolean not null default false, add column customer_contacted_again boolean not null default false`,
    );
    // Only open, unassigned tickets, deleted on claim: the claim reads a small hot table instead of
    // wading through dead index entries of taken tickets (ARCHITECTURE.md, measured).
    this.addSql(`
      create table queue_entries (
        ticket_id uuid primary key references tickets (id) on delete cascade,
        unit_key text not null,
        opened_at timestamptz not null,
        queued_at timestamptz not null,
        skip_reason text null
      )`);
    this.addSql(
      `create index queue_entries_opened_idx on queue_entries (unit_key, (skip_reason is null), opened_at, ticket_id)`,
    );
    this.addSql(
      `create index queue_entries_queued_idx on queue_entries (unit_key, (skip_reason is null), queued_at, ticket_id)`,
    );
    this.addSql(
      `alter table queue_entries set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500, autovacuum_vacuum_cost_delay = 0)`,
    );
    this.addSql(`
      insert into queue_entries (ticket_id, unit_key, opened_at, queued_at, skip_reason)
      select id, unit_key, created_at, updated_at, case when 'URGENTE' = any (tags) then 'urgent' end
      from tickets where assignee_id is null and status not in ('resolved', 'closed')`);
  }
}
