import { Migration } from '@mikro-orm/migrations';

/**
 * SLA timers and their events name the clock's unit `unitKey` (and the breach's owner `blamedUnit`)
 * instead of `tier`, which now means only a tier (N1…N5). Rewrites the timers still to fire, the
 * SLA events already in the outbox (a channel may still be owed them) and the ticket summary, which
 * lists the open clocks from the timers.
 */
export class Migration20261203170000_sla_unit_key extends Migration {
  override name = 'Migration20261203170000_sla_unit_key';

  override up(): void {
    this.addSql(`
      update timers set payload = (payload - 'tier') || jsonb_build_object('unitKey', payload -> 'tier')
       where kind like 'sla:%' and payload ? 'tier'`);
    this.addSql(`
      update outbox_events
         set payload = (payload - 'tier' - 'blamedTier')
                       || jsonb_build_object('unitKey', payload -> 'tier', 'blamedUnit', payload -> 'blamedTier')
       where type in ('sla.warning', 'sla.breached') and payload ? 'tier'`);
    this.addSql(summaryReading('unitKey'));
  }

  override down(): void {
    this.addSql(summaryReading('tier'));
    this.addSql(`
      update outbox_events
         set payload = (payload - 'unitKey' - 'blamedUnit')
                       || jsonb_build_object('tier', payload -> 'unitKey', 'blamedTier', payload -> 'blamedUnit')
       where type in ('sla.warning', 'sla.breached') and payload ? 'unitKey'`);
    this.addSql(`
      update timers set payload = (payload - 'unitKey') || jsonb_build_object('tier', payload -> 'unitKey')
       where kind like 'sla:%' and payload ? 'unitKey'`);
  }
}

/** `escala_ticket_summary` as Migration20261203010000 made it, reading the clock's unit from `key`. */
function summaryReading(key: 'unitKey' | 'tier'): string {
  return `
      create or replace function escala_ticket_summary(summarised uuid) returns jsonb language sql stable as $$
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
                     'kind', tm.payload ->> 'clock', 'unit', tm.payload ->> '${key}',
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
      $$`;
}
