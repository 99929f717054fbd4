import { Migration } from '@mikro-orm/migrations';

/**
 * The ticket summary is computed once per ticket per transaction instead of once per event.
 *
 * Measured (pgbench, a creation's statement with its two ticket events): building the summary is
 * about three quarters of what the deferred trigger costs, the `update` of the event row the rest.
 * So the first firing at commit for a ticket summarises all of that ticket's events written since,
 * in one update; the firings for the others find their row already summarised and stop at a
 * primary-key read. Still deferred and still in the database, so it holds for every writer
 * (creation, take, status, escalation, entries, tags, timers) whatever order they wrote in.
 *
 * The events to summarise are found by position, not by `xmin`: rows written inside a savepoint
 * carry the subtransaction's id. Events of this ticket from after `new` that other transactions
 * committed meanwhile already carry their own summary, so `payload ? 'ticket'` leaves them alone.
 */
export class Migration20261204060000_summary_once_per_ticket extends Migration {
  override name = 'Migration20261204060000_summary_once_per_ticket';

  override up(): void {
    this.addSql(`
      create or replace function outbox_events_summarise_ticket() returns trigger language plpgsql as $$
      declare
        summary jsonb;
      begin
        if new.aggregate_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
          return null;
        end if;
        perform from outbox_events where id = new.id and payload ? 'ticket';
        if found then
          return null;
        end if;
        summary := escala_ticket_summary(new.aggregate_id::uuid);
        if summary is not null then
          update outbox_events set payload = payload || jsonb_build_object('ticket', summary)
           where aggregate_type = 'ticket' and aggregate_id = new.aggregate_id and position >= new.position
             and not payload ? 'ticket';
        end if;
        return null;
      end $$`);
  }

  override down(): void {
    this.addSql(`
      create or replace function outbox_events_summarise_ticket() returns trigger language plpgsql as $$
      declare
        summary jsonb;
      begin
        if new.aggregate_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
          return null;
        end if;
        summary := escala_ticket_summary(new.aggregate_id::uuid);
        if summary is not null then
          update outbox_events set payload = payload || jsonb_build_object('ticket', summary) where id = new.id;
        end if;
        return null;
      end $$`);
  }
}
