import { Migration } from '@mikro-orm/migrations';

export class Migration20261123009000_ticket_follow_ups extends Migration {
  override name = 'Migration20261123009000_ticket_follow_ups';

  override up(): void {
    this.addSql(`
      create table ticket_follow_ups (
        id uuid primary key,
        ticket_id uuid not null references tickets (id) on delete cascade,
        kind text not null check (kind in ('follow-up', 'commitment')),
        description text null,
        due_at timestamptz not null,
        created_by uuid not null references users (id),
        created_at timestamptz not null,
        done_by uuid null references users (id),
        done_at timestamptz null,
        check ((done_at is null) = (done_by is null)),
        check (kind = 'follow-up' or description is not null)
      )`);
    // The pending-items check reads only open rows of the tickets an agent holds.
    this.addSql(
      `create index ticket_follow_ups_open_idx on ticket_follow_ups (ticket_id, due_at) where done_at is null`,
    );
  }

  override down(): void {
    this.addSql(`drop table ticket_follow_ups`);
  }
}
