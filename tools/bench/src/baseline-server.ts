import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

/**
 * The same-run baselines, started as their own process like the server. `BASELINE=row` (the
 * issue's): the least a service can do to accept a ticket — parse the JSON and insert the same
 * ticket row in one statement. `BASELINE=work`: the same durable work a creation does in Escala,
 * hand-written as one statement — the ticket, a history line, the audit record, two events, the
 * queue entry, the SLA's clock fact and four SLA timers — so the gap to it is what the platform itself costs.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 20) });
const TICKET = `insert into tickets (id, customer_id, contact_id, channel, category, subject, description, status, unit_key,
  structure_version, tags, deadlines, created_at, updated_at)
  values ($1, $2, $3, $4, $5, $6, $7, 'new', $8, $9, $10, '[]', now(), now()) returning number`;
const WORK = `with first as (${TICKET}),
  entry as (insert into ticket_entries (id, ticket_id, kind, direction, body, author_label, created_at) values (gen_random_uuid(), $1, 'internal', 'internal', 'Direito verificado', 'bench', now())),
  audit as (insert into audit_records (occurred_at, actor_label, action, subject_type, subject_id, after)
    select now(), 'bench', 'ticket.created', 'ticket', $1, $11::jsonb || jsonb_build_object('number', number) from first),
  events as (insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
    select gen_random_uuid(), type, 'ticket', $1, $11::jsonb || jsonb_build_object('number', number), now() from first, unnest(array['ticket.created', 'ticket.urgent']) as type),
  queued as (insert into queue_entries (ticket_id, unit_key, opened_at, queued_at, skip_reason) values ($1, $8, now(), now(), 'urgent')),
  clock as (insert into ticket_clock_events (ticket_id, kind, unit_key, structure_version, occurred_at) values ($1, 'created', $8, $9, now())),
  timers as (insert into timers (id, subject_type, subject_id, kind, event_type, due_at, payload, created_at, updated_at)
    select gen_random_uuid(), 'ticket', $1, 'sla:' || i, 'sla.warning', now() + make_interval(hours => i), $11::jsonb || jsonb_build_object('number', number), now(), now()
    from first, generate_series(1, 4) as i)
  select number from first`;
const SQL = process.env.BASELINE === 'work' ? WORK : TICKET;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const id = randomUUID();
    const values = [
      id,
      body.customerId,
      body.contactId,
      body.channel,
      body.category,
      body.subject,
      body.description,
      process.env.UNIT_KEY,
      1,
      body.tags ?? [],
    ];
    pool
      .query(SQL, process.env.BASELINE === 'work' ? [...values, JSON.stringify({ ...body, id })] : values)
      .then(({ rows }) => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id, number: Number(rows[0].number) }));
      })
      .catch((error: Error) => {
        response.writeHead(500);
        response.end(error.message);
      });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
