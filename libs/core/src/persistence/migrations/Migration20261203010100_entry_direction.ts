import { Migration } from '@mikro-orm/migrations';

/**
 * Entries say whose words they are instead of leaving it to "no author means the customer", which
 * also took the system's own public lines (a connector's, the playbook's) for the customer's.
 * Existing rows keep today's reading; from now on every writer says.
 */
export class Migration20261203010100_entry_direction extends Migration {
  override name = 'Migration20261203010100_entry_direction';

  override up(): void {
    this.addSql(`
      alter table ticket_entries add column direction text check (direction in ('from_customer', 'to_customer', 'internal'))`);
    this.addSql(`
      update ticket_entries set direction = case
        when kind <> 'public' then 'internal'
        when author_id is null then 'from_customer'
        else 'to_customer' end`);
    this.addSql(`alter table ticket_entries alter column direction set not null`);
    this.addSql(
      `create index ticket_entries_customer_idx on ticket_entries (ticket_id, created_at) where direction = 'from_customer'`,
    );
  }
}
