import { Migration } from '@mikro-orm/migrations';

export class Migration20261123002001_inbound extends Migration {
  override name = 'Migration20261123002001_inbound';

  override up(): void {
    // The durable cursor of each polling channel, kept by the platform so connectors stay stateless.
    this.addSql(`
      create table channel_poll_states (
        channel_id uuid primary key references channels (id) on delete cascade,
        cursor text null,
        next_poll_at timestamptz not null,
        last_polled_at timestamptz null,
        last_error_kind text null,
        last_error text null
      )`);
    // Keys of inbound changes already applied, so a change seen twice (overlapping polls, a
    // redelivered webhook) reaches the core once.
    this.addSql(`
      create table channel_inbound_changes (
        channel_id uuid not null references channels (id) on delete cascade,
        change_key text not null,
        applied_at timestamptz not null,
        primary key (channel_id, change_key)
      )`);
  }
}
