import { Migration } from '@mikro-orm/migrations';

export class Migration20261123008000_external_references extends Migration {
  override name = 'Migration20261123008000_external_references';

  override up(): void {
    // A ticket's identity in another tool (sheet row, Message-ID, portal id), per channel. The key is
    // the uniqueness that makes an inbound change applied twice land on one ticket.
    this.addSql(`
      create table ticket_external_references (
        channel_id uuid not null references channels (id) on delete cascade,
        system text not null,
        external_id text not null,
        ticket_id uuid not null references tickets (id) on delete cascade,
        created_at timestamptz not null,
        primary key (channel_id, system, external_id)
      )`);
    this.addSql(`create index ticket_external_references_ticket on ticket_external_references (ticket_id)`);

    // The fields an outside tool may change (the error sheet's dev reference, fix version, status, note).
    this.addSql(`
      alter table tickets
        add column dev_request_reference text null,
        add column fix_version text null,
        add column external_status text null,
        add column external_note text null`);

    // An inbound change the core refused stays recorded with why, so it is neither retried forever
    // nor dropped silently; its key still counts as seen.
    this.addSql(`
      alter table channel_inbound_changes
        add column outcome text not null default 'applied' check (outcome in ('applied', 'rejected')),
        add column error text null`);
    this.addSql(`create index channel_inbound_changes_recent on channel_inbound_changes (channel_id, applied_at desc)`);
  }
}
