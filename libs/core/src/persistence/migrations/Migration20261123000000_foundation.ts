import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000000_foundation extends Migration {
  override name = 'Migration20261123000000_foundation';

  override up(): void {
    this.addSql(`create extension if not exists unaccent`);
    this.addSql(`
      create table users (
        id uuid primary key,
        login text not null,
        display_name text not null,
        email text null,
        password_hash text null,
        roles text[] not null check (cardinality(roles) > 0),
        active boolean not null default true,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    this.addSql(`create unique index users_login_unique on users (lower(login))`);
    this.addSql(`
      create table auth_tokens (
        id uuid primary key,
        user_id uuid not null references users (id) on delete cascade,
        kind text not null check (kind in ('session', 'api')),
        name text null,
        token_hash text not null unique,
        created_at timestamptz not null,
        expires_at timestamptz null,
        last_used_at timestamptz null,
        revoked_at timestamptz null
      )`);
    this.addSql(`create index auth_tokens_user_idx on auth_tokens (user_id)`);
    this.addSql(`
      create table audit_records (
        id bigint generated always as identity primary key,
        occurred_at timestamptz not null,
        actor_id uuid null,
        actor_label text not null,
        action text not null,
        subject_type text not null,
        subject_id text not null,
        before jsonb null,
        after jsonb null
      )`);
    this.addSql(`create index audit_records_subject_idx on audit_records (subject_type, subject_id, id)`);
    // Append-only: the trail cannot be edited or erased through the application's connection.
    this.addSql(`
      create function audit_records_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_records is append-only';
      end $$`);
    this.addSql(`
      create trigger audit_records_no_change before update or delete on audit_records
      for each row execute function audit_records_append_only()`);
    this.addSql(`
      create table outbox_events (
        id uuid primary key,
        position bigint generated always as identity unique,
        type text not null,
        aggregate_type text not null,
        aggregate_id text not null,
        payload jsonb not null,
        occurred_at timestamptz not null
      )`);
    this.addSql(`create index outbox_events_aggregate_idx on outbox_events (aggregate_type, aggregate_id, position)`);
  }
}
