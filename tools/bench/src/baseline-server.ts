import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

/**
 * The same-run baselines, started as their own process like the server. `BASELINE=row` (the
 * issue's): the least a service can do to accept a ticket — parse the JSON and insert the same
 * ticket row in one statement. `BASELINE=work`: the same durable work Escala's creation of the
 * bench's ticket (category 'financeiro', tagged URGENTE) does, hand-written as one statement — the
 * ticket, the audit record with the ticket as created, the `ticket.created` and `ticket.urgent`
 * events, the queue entry, the SLA's clock fact and the first-response clock's two timers (warning
 * at 75 %, breach) — answered with the ticket, so the gap to it is what the platform itself costs.
 * The bench counts the rows and bytes each writes per ticket and prints both (`written-rows.ts`).
 */
// Prepared statements planned once, as Escala's sessions are (orm-config.ts).
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_MAX ?? 20),
  options: '-c plan_cache_mode=force_generic_plan',
});
const UNIT_KEY = process.env.UNIT_KEY!;
/** Who creates the tickets: Escala records its caller in the ticket, audit record and clock fact. */
const ACTOR = process.env.ACTOR_ID ?? null;
const ACTOR_LABEL = process.env.ACTOR_LABEL ?? 'bench';
const TICKET = `insert into tickets (id, customer_id, contact_id, channel, category, subject, description, status, unit_key,
  structure_version, tags, deadlines, created_by, created_at, updated_at)
  values ($1, $2, $3, $4, $5, $6, $7, 'new', $8, $9, $10, '[]', $11, $12, $12) returning number`;
const WORK = `with first as (${TICKET}),
  audit as (insert into audit_records (occurred_at, actor_id, actor_label, action, subject_type, subject_id, after)
    select now(), $11, $13, 'ticket.created', 'ticket', $1, $14::jsonb || jsonb_build_object('number', number) from first),
  events as (insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
    select gen_random_uuid(), event ->> 'type', 'ticket', $1, (event -> 'payload') || jsonb_build_object('number', number), now()
    from first, jsonb_array_elements($15::jsonb) as event),
  queued as (insert into queue_entries (ticket_id, unit_key, opened_at, queued_at, skip_reason) values ($1, $8, $12, now(), 'urgent')),
  clock as (insert into ticket_clock_events (ticket_id, kind, actor_id, unit_key, structure_version, occurred_at) values ($1, 'created', $11, $8, $9, $12)),
  timers as (insert into timers (id, subject_type, subject_id, kind, event_type, due_at, payload, created_at, updated_at)
    select gen_random_uuid(), 'ticket', $1, timer ->> 'kind', timer ->> 'eventType', (timer ->> 'dueAt')::timestamptz,
      (timer -> 'payload') || jsonb_build_object('number', number), now(), now()
    from first, jsonb_array_elements($16::jsonb) as timer)
  select number from first`;
const HOUR = 3_600_000;

/** The ticket as Escala's API returns it and its audit record keeps it (number added by PostgreSQL). */
function ticketView(id: string, body: Record<string, unknown>, createdAt: Date) {
  return {
    id,
    customerId: body.customerId,
    contactId: body.contactId ?? null,
    channel: body.channel,
    product: body.product ?? null,
    module: body.module ?? null,
    category: body.category,
    subject: body.subject,
    description: body.description,
    status: 'new',
    unitKey: UNIT_KEY,
    structureVersion: 1,
    assigneeId: null,
    spocId: null,
    tags: body.tags ?? [],
    deadlines: [],
    technicalAnalysis: null,
    devRequestReference: null,
    fixVersion: null,
    externalStatus: null,
    externalNote: null,
    priorityEmail: false,
    customerContactedAgain: false,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The statement's parameters after the ticket row's: the audit record's, the events' and the timers' JSON. */
function workValues(id: string, view: ReturnType<typeof ticketView>, createdAt: Date) {
  const events = [
    {
      type: 'ticket.created',
      payload: {
        ticketId: id,
        unitKey: UNIT_KEY,
        category: view.category,
        channel: view.channel,
        customerId: view.customerId,
        structureVersion: 1,
        subject: view.subject,
        tags: view.tags,
      },
    },
    { type: 'ticket.urgent', payload: { ticketId: id, declaration: null } },
  ];
  const breachAt = new Date(createdAt.getTime() + 24 * HOUR);
  const clock = {
    clock: 'first-response',
    dueAt: breachAt,
    clockId: `0:${UNIT_KEY}:first-response`,
    unitKey: UNIT_KEY,
    ticketId: id,
    blamedUnit: UNIT_KEY,
    currentUnit: UNIT_KEY,
    targetHours: 24,
  };
  const timers = [
    {
      kind: `sla:0:${UNIT_KEY}:first-response:warning:0.75`,
      eventType: 'sla.warning',
      dueAt: new Date(createdAt.getTime() + 18 * HOUR),
      payload: { ...clock, fraction: 0.75 },
    },
    { kind: `sla:0:${UNIT_KEY}:first-response:breached`, eventType: 'sla.breached', dueAt: breachAt, payload: clock },
  ];
  return [ACTOR_LABEL, JSON.stringify(view), JSON.stringify(events), JSON.stringify(timers)];
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const id = randomUUID();
    const createdAt = new Date();
    const view = ticketView(id, body, createdAt);
    const values = [
      id,
      body.customerId,
      body.contactId,
      body.channel,
      body.category,
      body.subject,
      body.description,
      UNIT_KEY,
      1,
      body.tags ?? [],
      ACTOR,
      createdAt,
    ];
    const work = process.env.BASELINE === 'work';
    // A named statement, planned once per connection, as Escala's one-statement writes are.
    pool
      .query({
        name: work ? 'same_work' : 'ticket_row',
        text: work ? WORK : TICKET,
        values: work ? [...values, ...workValues(id, view, createdAt)] : values,
      })
      .then(({ rows }) => {
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(work ? { ...view, number: Number(rows[0].number) } : { id, number: Number(rows[0].number) }),
        );
      })
      .catch((error: Error) => {
        response.writeHead(500);
        response.end(error.message);
      });
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
