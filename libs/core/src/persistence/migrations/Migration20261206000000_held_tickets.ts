import { Migration } from '@mikro-orm/migrations';

/**
 * `held_tickets`: who holds which open ticket, kept by a trigger on `tickets` for every writer, so
 * next-ticket's pending check finds an agent's held tickets in a small table.
 *
 * Through an index on `tickets` it walked, besides the live entries, one dead entry per version of a
 * held ticket since the last vacuum of `tickets` (1 M rows: vacuumed every 200 k dead versions): each
 * close, status change or tag edit of a held ticket leaves one. Bitmap scans never mark them dead, so
 * every read visited their heap pages again — 1 145 pages for one live ticket after 4 minutes of a
 * bench, and next-ticket fell from 304 to 168 claims/s. A small table with its own autovacuum
 * settings (as `queue_entries`) keeps the dead entries to a few hundred.
 */
export class Migration20261206000000_held_tickets extends Migration {
  override name = 'Migration20261206000000_held_tickets';

  override up(): void {
    this.addSql(`
      create table held_tickets (
        ticket_id uuid primary key references tickets (id) on delete cascade,
        assignee_id uuid not null
      )`);
    this.addSql(`create index held_tickets_assignee_idx on held_tickets (assignee_id)`);
    this.addSql(
      `alter table held_tickets set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500, autovacuum_vacuum_cost_delay = 0)`,
    );
    this.addSql(`
      create function tickets_keep_held() returns trigger language plpgsql as $$
      begin
        if new.assignee_id is not null and new.status <> 'closed' then
          insert into held_tickets (ticket_id, assignee_id) values (new.id, new.assignee_id)
            on conflict (ticket_id) do update set assignee_id = excluded.assignee_id;
        else
          delete from held_tickets where ticket_id = new.id;
        end if;
        return null;
      end $$`);
    this.addSql(`
      create trigger tickets_held_on_insert after insert on tickets for each row
        when (new.assignee_id is not null and new.status <> 'closed') execute function tickets_keep_held()`);
    this.addSql(`
      create trigger tickets_held_on_update after update of assignee_id, status on tickets for each row
        when (old.assignee_id is distinct from new.assignee_id or (old.status = 'closed') <> (new.status = 'closed'))
        execute function tickets_keep_held()`);
    this.addSql(`
      insert into held_tickets (ticket_id, assignee_id)
      select id, assignee_id from tickets where assignee_id is not null and status <> 'closed'`);
  }

  override down(): void {
    this.addSql(`drop trigger tickets_held_on_update on tickets`);
    this.addSql(`drop trigger tickets_held_on_insert on tickets`);
    this.addSql(`drop function tickets_keep_held()`);
    this.addSql(`drop table held_tickets`);
  }
}
