import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

/**
 * The same-run baseline: the least a service can do to accept a ticket — parse the JSON and insert
 * the same row into the same table in one statement. Started as its own process, like the server.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 20) });
const INSERT = `insert into tickets (id, customer_id, contact_id, channel, category, subject, description, status, unit_key,
  structure_version, tags, deadlines, created_at, updated_at)
  values ($1, $2, $3, $4, $5, $6, $7, 'new', $8, $9, $10, '[]', now(), now()) returning number`;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const id = randomUUID();
    pool
      .query(INSERT, [id, body.customerId, body.contactId, body.channel, body.category, body.subject, body.description, process.env.UNIT_KEY, 1, body.tags ?? []])
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
