import { Migration } from '@mikro-orm/migrations';

export class Migration20261123003000_timers extends Migration {
  override name = 'Migration20261123003000_timers';

  override up(): void {
    this.addSql(`
      create table timers (
        id uuid primary key,
        subject_type text not null,
        subject_id text not null,
        kind text not null,
        event_type text not null,
        due_at timestamptz not null,
        payload jsonb not null,
        fired_at timestamptz null,
        created_at timestamptz not null,
        updated_at timestamptz not null
      )`);
    // One open timer per subject and kind; fired ones are history and may repeat a kind.
    this.addSql(
      `create unique index timers_open_subject_kind_unique on timers (subject_type, subject_id, kind) where fired_at is null`,
    );
    // The tick reads only open timers in due order: its cost follows the number due, not the table size.
    this.addSql(`create index timers_open_due_idx on timers (due_at) where fired_at is null`);
    this.addSql(`create index timers_subject_idx on timers (subject_type, subject_id)`);
    // Firing leaves a dead entry at the front of the open index; vacuum often so the tick does not wade through them.
    this.addSql(
      `alter table timers set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_cost_delay = 0)`,
    );
  }
}
