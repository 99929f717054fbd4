import { Migration } from '@mikro-orm/migrations';

export class Migration20261123002000_connectors extends Migration {
  override name = 'Migration20261123002000_connectors';

  override up(): void {
    this.addSql(`
      create table channels (
        id uuid primary key,
        connector_key text not null,
        name text not null,
        settings jsonb not null,
        secrets_ciphertext text null,
        subscription jsonb not null,
        enabled boolean not null,
        health_status text null check (health_status in ('healthy', 'degraded', 'unhealthy')),
        health_detail text null,
        health_checked_at timestamptz null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    this.addSql(`create unique index channels_name_unique on channels (lower(name))`);

    // Events not yet fanned out to channels. Filled by a trigger in the writer's own transaction, so
    // an event is never missed whatever order concurrent transactions commit in, and the dispatcher
    // reads a table holding only pending work instead of scanning the outbox.
    this.addSql(
      `create table outbox_dispatch_queue (event_id uuid primary key references outbox_events (id) on delete cascade)`,
    );
    this.addSql(`
      create function outbox_events_enqueue_dispatch() returns trigger language plpgsql as $$
      begin
        insert into outbox_dispatch_queue (event_id) values (new.id);
        return null;
      end $$`);
    this.addSql(`
      create trigger outbox_events_dispatch after insert on outbox_events
      for each row execute function outbox_events_enqueue_dispatch()`);

    this.addSql(`
      create table channel_deliveries (
        id uuid primary key,
        event_id uuid not null references outbox_events (id),
        channel_id uuid not null references channels (id) on delete cascade,
        idempotency_key text not null unique,
        status text not null check (status in ('pending', 'delivering', 'retrying', 'delivered', 'dead')),
        attempts integer not null default 0,
        next_attempt_at timestamptz null,
        lease_until timestamptz null,
        last_error_kind text null,
        last_error text null,
        external_id text null,
        created_at timestamptz not null,
        delivered_at timestamptz null,
        unique (event_id, channel_id)
      )`);
    this.addSql(
      `create index channel_deliveries_due_idx on channel_deliveries (next_attempt_at) where status in ('pending', 'retrying')`,
    );
    this.addSql(
      `create index channel_deliveries_leased_idx on channel_deliveries (lease_until) where status = 'delivering'`,
    );
    this.addSql(`create index channel_deliveries_channel_idx on channel_deliveries (channel_id, created_at desc)`);

    this.addSql(`
      create table channel_delivery_attempts (
        id bigint generated always as identity primary key,
        delivery_id uuid not null references channel_deliveries (id) on delete cascade,
        attempt integer not null,
        started_at timestamptz not null,
        finished_at timestamptz null,
        outcome text null,
        error text null,
        retry_after_ms integer null,
        unique (delivery_id, attempt)
      )`);
  }
}
