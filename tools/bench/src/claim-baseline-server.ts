import { createServer } from 'node:http';
import pg from 'pg';

/**
 * The same-work baseline for next-ticket, started as its own process like the server: a bare
 * node:http + pg server doing what `POST /queue/next` must do, hand-written — read the agent's
 * tier/stage and the facts of the tickets they hold (the pending-items check), then ONE statement
 * that claims the oldest entry, assigns the ticket (new → in analysis), and writes its history line,
 * the take's audit record and `ticket.assigned` event, and the status move's audit record and
 * event. No authentication, validation, framework or ORM, and both statements prepared once per
 * connection (as Escala's are): the gap to it is what the platform costs.
 * The agent is named by the `x-agent` header.
 */
// Prepared statements planned once, as Escala's sessions are (orm-config.ts).
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_MAX ?? 20),
  options: '-c plan_cache_mode=force_generic_plan',
});

const DESK = `select (select unit_key from support_members where user_id = $1) as unit_key,
  (select coalesce(json_agg(held), '[]') from (
    select t.id, t.number, t.category, t.assigned_at,
      (select max(created_at) from ticket_entries e where e.ticket_id = t.id and e.direction = 'from_customer') as last_message,
      (select max(created_at) from ticket_entries e where e.ticket_id = t.id and e.direction = 'to_customer') as last_reply,
      (select min(due_at) from ticket_follow_ups f where f.ticket_id = t.id and f.kind = 'follow-up' and f.done_at is null) as follow_up,
      (select count(*) from ticket_follow_ups f where f.ticket_id = t.id and f.kind = 'commitment' and f.done_at is null) as commitments,
      p.mediation, p.cancellation_contact
    from held_tickets h join tickets t on t.id = h.ticket_id left join ticket_playbook p on p.ticket_id = t.id
    where h.assignee_id = $1) held) as held`;

const TAKE = `with next as (
    select q.ticket_id, t.status, t.assignee_id from queue_entries q join tickets t on t.id = q.ticket_id
    where q.unit_key = $1 order by (q.skip_reason is null), q.opened_at, q.ticket_id
    limit 1 for update of q, t skip locked
  ),
  chosen as (
    delete from queue_entries q using next where q.ticket_id = next.ticket_id
    returning q.ticket_id, q.skip_reason, next.status as previous_status, next.assignee_id as previous_assignee_id
  ),
  taken as (
    update tickets t set assignee_id = $2, assigned_at = now(), updated_at = now(),
      status = case t.status when 'new' then 'in_analysis' else t.status end,
      customer_contacted_again = false, priority_email = false
    from chosen where t.id = chosen.ticket_id
    returning t.id, t.number, t.subject, t.status, t.unit_key, t.category, t.channel, t.customer_id, t.tags, t.created_at,
      chosen.skip_reason, chosen.previous_status, chosen.previous_assignee_id
  ),
  entry as (
    insert into ticket_entries (id, ticket_id, kind, direction, body, message_key, message_values, author_id, author_label, attachments, created_at)
    select gen_random_uuid(), id, 'event', 'internal',
      'Atendimento assumido por ' || $3 || ' (próximo da fila)' || case when previous_status = 'new' then ' — situação: Novo → Em análise' else '' end,
      'ticket.taken', jsonb_build_object('agent', $3::text) || case when previous_status = 'new' then '{"from": "new", "to": "in_analysis"}'::jsonb else '{}' end,
      $2, $4, '[]', now()
    from taken
  ),
  audit as (
    insert into audit_records (occurred_at, actor_id, actor_label, action, subject_type, subject_id, before, after)
    select now(), $2, $4, 'ticket.taken', 'ticket', id, jsonb_build_object('assigneeId', previous_assignee_id),
      jsonb_build_object('assigneeId', $2::uuid, 'unitKey', unit_key, 'skipReason', skip_reason, 'passedOver', '[]'::jsonb)
    from taken
    union all
    select now(), $2, $4, 'ticket.status_changed', 'ticket', id, '{"status": "new"}', '{"status": "in_analysis", "takeover": true}'
    from taken where previous_status = 'new'
  ),
  events as (
    insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
    select gen_random_uuid(), 'ticket.assigned', 'ticket', id,
      jsonb_build_object('ticketId', id, 'number', number, 'assigneeId', $2::uuid, 'previousAssigneeId', previous_assignee_id), now()
    from taken
    union all
    select gen_random_uuid(), 'ticket.status_changed', 'ticket', id,
      jsonb_build_object('ticketId', id, 'number', number, 'from', 'new', 'to', 'in_analysis'), now()
    from taken where previous_status = 'new'
  )
  select id, number, subject, status, unit_key, category, channel, customer_id, tags, created_at from taken`;

const server = createServer((request, response) => {
  const agentId = request.headers['x-agent'] as string;
  const agentName = `Agente ${agentId.slice(0, 8)}`;
  request.resume();
  request.on('end', () => {
    pool
      .query<{ unit_key: string; held: unknown[] }>({ name: 'desk', text: DESK, values: [agentId] })
      .then(({ rows: [desk] }) =>
        pool.query({ name: 'take', text: TAKE, values: [desk!.unit_key, agentId, agentName, 'bench.agent'] }),
      )
      .then(({ rows: [ticket] }) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ticket: ticket ?? null }));
      })
      .catch((error: Error) => {
        response.writeHead(500);
        response.end(error.message);
      });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
