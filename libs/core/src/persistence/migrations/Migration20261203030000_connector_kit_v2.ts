import { Migration } from '@mikro-orm/migrations';

export class Migration20261203030000_connector_kit_v2 extends Migration {
  override name = 'Migration20261203030000_connector_kit_v2';

  override up(): void {
    // A channel's own small key–value state (sheet snapshot, mailbox checkpoint, Graph subscription
    // ids). `bytes` is the JSON size, kept so the per-channel limit is one sum over an index.
    this.addSql(`
      create table channel_state (
        channel_id uuid not null references channels (id) on delete cascade,
        key text not null check (length(key) between 1 and 200),
        value jsonb not null,
        bytes integer not null check (bytes > 0),
        updated_at timestamptz not null,
        primary key (channel_id, key)
      )`);

    // Escala users as other systems know them (Entra object id, Google account, e-mail). One outside
    // identity names one user; a user may have several.
    this.addSql(`
      create table user_external_identities (
        system text not null,
        external_id text not null,
        user_id uuid not null references users (id) on delete cascade,
        created_at timestamptz not null,
        primary key (system, external_id)
      )`);
    this.addSql(`create index user_external_identities_user on user_external_identities (user_id)`);

    // When each channel's maintenance task is next due. A scheduler claims a due row with
    // SKIP LOCKED and pushes it ahead before running the task, so one instance runs it per interval.
    this.addSql(`
      create table channel_maintenance_states (
        channel_id uuid primary key references channels (id) on delete cascade,
        next_run_at timestamptz not null,
        last_run_at timestamptz null,
        last_error_kind text null,
        last_error text null
      )`);
  }
}
