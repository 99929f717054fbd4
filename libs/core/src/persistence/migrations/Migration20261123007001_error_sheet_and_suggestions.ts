import { Migration } from '@mikro-orm/migrations';

export class Migration20261123007001_error_sheet_and_suggestions extends Migration {
  override name = 'Migration20261123007001_error_sheet_and_suggestions';

  override up(): void {
    this.addSql(`
      create table error_sheet_requests (
        id uuid primary key,
        ticket_id uuid not null references tickets (id) on delete cascade,
        description text not null check (length(description) between 1 and 5000),
        status text not null check (status in ('requested', 'authorised')),
        requested_by uuid null references users (id) on delete set null,
        requested_at timestamptz not null,
        authorised_by uuid null references users (id) on delete set null,
        authorised_at timestamptz null
      )`);
    // One live request per ticket: a case goes into the sheet once.
    this.addSql(`create unique index error_sheet_requests_one_per_ticket on error_sheet_requests (ticket_id)`);
    this.addSql(`create index error_sheet_requests_status on error_sheet_requests (status, requested_at)`);
    this.addSql(`
      create table improvement_suggestions (
        id uuid primary key,
        title text not null check (length(title) between 1 and 300),
        description text not null check (length(description) between 1 and 20000),
        origin_ticket_id uuid null references tickets (id) on delete set null,
        origin_customer_id uuid null references customers (id) on delete set null,
        status text not null check (status in ('proposed', 'under-review', 'accepted', 'rejected', 'done')),
        owner_id uuid null references users (id) on delete set null,
        registered_by uuid null references users (id) on delete set null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    this.addSql(`create index improvement_suggestions_status on improvement_suggestions (status, created_at desc)`);
  }

  override down(): void {
    this.addSql(`drop table improvement_suggestions`);
    this.addSql(`drop table error_sheet_requests`);
  }
}
