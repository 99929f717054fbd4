import { Migration } from '@mikro-orm/migrations';

/**
 * The ticket summary every ticket-related event carries (the catalogue's `TicketSummarySchema`
 * without `url`, which delivery adds from `ESCALA_PUBLIC_URL`), and one naming scheme for the
 * error sheet's events.
 */
export class Migration20261203010000_event_catalogue extends Migration {
  override name = 'Migration20261203010000_event_catalogue';

  override up(): void {
    this.addSql(`
      create function escala_ticket_summary(summarised uuid) returns jsonb language sql stable as $$
        select jsonb_build_object(
          'id', t.id, 'number', t.number, 'subject', t.subject, 'status', t.status,
          'unit', jsonb_build_object('key', t.unit_key, 'tier', su.unit -> 'tier', 'stage', su.unit -> 'stage'),
          'category', t.category, 'tags', to_jsonb(t.tags),
          'customer', jsonb_build_object('id', c.id, 'name', c.name),
          'contact', case when ct.id is null then null else jsonb_build_object('name', ct.name, 'email', ct.email) end,
          'assignee', case when a.id is null then null
                      else jsonb_build_object('id', a.id, 'name', a.display_name, 'email', a.email) end,
          'slaClocks', coalesce((
            select jsonb_agg(jsonb_build_object(
                     'kind', tm.payload ->> 'clock', 'unit', tm.payload ->> 'tier',
                     'dueAt', to_char(tm.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                   order by tm.due_at)
              from timers tm
             where tm.subject_type = 'ticket' and tm.subject_id = t.id::text and tm.fired_at is null
               and tm.kind like 'sla:%:breached'), '[]'::jsonb))
          from tickets t
          join customers c on c.id = t.customer_id
          left join customer_contacts ct on ct.id = t.contact_id
          left join users a on a.id = t.assignee_id
          left join support_structure_versions v on v.version = t.structure_version
          left join lateral (
            select unit from jsonb_array_elements(v.definition -> 'units') unit where unit ->> 'key' = t.unit_key limit 1
          ) su on true
         where t.id = summarised
      $$`);
    // Deferred to the commit, so the summary shows the ticket after every write of the transaction,
    // whichever order the unit of work flushed them in, and after the whole one-statement creation.
    // In the database, not in each writer: no writer can forget it, and no writer pays a round trip.
    this.addSql(`
      create function outbox_events_summarise_ticket() returns trigger language plpgsql as $$
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
    this.addSql(`
      create constraint trigger outbox_events_ticket_summary after insert on outbox_events
      deferrable initially deferred for each row when (new.aggregate_type = 'ticket')
      execute function outbox_events_summarise_ticket()`);
    this.addSql(
      `update outbox_events set type = 'error_sheet.' || substr(type, length('errorsheet.') + 1) where type like 'errorsheet.%'`,
    );
    this.addSql(`
      update channels set subscription = jsonb_set(subscription, '{eventTypes}', (
        select jsonb_agg(case when value like 'errorsheet.%' then 'error_sheet.' || substr(value, length('errorsheet.') + 1) else value end)
          from jsonb_array_elements_text(subscription -> 'eventTypes') value))
       where exists (
         select 1 from jsonb_array_elements_text(subscription -> 'eventTypes') value where value like 'errorsheet.%')`);
  }
}
