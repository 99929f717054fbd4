import { Migration } from '@mikro-orm/migrations';

export class Migration20261123007002_priority_requests extends Migration {
  override name = 'Migration20261123007002_priority_requests';

  override up(): void {
    this.addSql(`
      create table priority_requests (
        id uuid primary key,
        ticket_id uuid not null references tickets (id) on delete cascade,
        kind text not null check (kind in ('ticket-priority', 'dev-request-prioritisation')),
        requested_by uuid null references users (id) on delete set null,
        requested_at timestamptz not null,
        justification text not null check (length(justification) between 1 and 5000),
        dev_request_ref text null,
        status text not null check (status in ('pending', 'approved', 'declined')),
        decided_by uuid null references users (id) on delete set null,
        decided_at timestamptz null,
        decline_reason text null
      )`);
    this.addSql(`create index priority_requests_ticket on priority_requests (ticket_id, requested_at)`);
    this.addSql(`create index priority_requests_pending on priority_requests (requested_at) where status = 'pending'`);
  }

  override down(): void {
    this.addSql(`drop table priority_requests`);
  }
}
