import { randomUUID } from 'node:crypto';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { simpleParser } from 'mailparser';
import pg from 'pg';

/**
 * The same-work baseline of e-mail intake: a bare program that fetches the same messages, parses
 * each with mailparser, threads it by In-Reply-To against a map, matches the sender against a map
 * of contacts, and writes the rows Escala's intake writes for it — in ONE statement per message,
 * autocommitted. What it leaves out is the platform: the connector port, validation, routing,
 * the ORM and the per-message transaction. The rows per table are printed beside Escala's.
 */
export interface BaselineSetting {
  channelId: string;
  unitKey: string;
  structureVersion: number;
  /** Contacts by lower-case address. */
  contacts: Map<string, { customerId: string; contactId: string }>;
}

// A new conversation: the ticket, its history line with the original as attachment, the audit
// records (creation, reference link, note), the events (created, note), the queue entry, the
// clock fact, the SLA timers, the Message-ID link and the change key.
const NEW_TICKET = `with ticket as (
    insert into tickets (id, customer_id, contact_id, channel, category, subject, description, status, unit_key,
      structure_version, tags, deadlines, created_at, updated_at)
    values ($1, $2, $3, 'email', 'financeiro', $4, $5, 'new', $6, $7, '{}', '[]', now(), now()) returning number),
  entry as (insert into ticket_entries (id, ticket_id, kind, direction, body, author_label, attachments, created_at)
    values (gen_random_uuid(), $1, 'internal', 'internal', 'Anexos da mensagem de abertura.', 'bench', $8::jsonb, now())),
  audit as (insert into audit_records (occurred_at, actor_label, action, subject_type, subject_id, after)
    select now(), 'bench', action, 'ticket', $1, jsonb_build_object('number', number, 'subject', $4::text)
      from ticket, unnest(array['ticket.created', 'ticket.external_reference_linked', 'ticket.note_added']) as action),
  events as (insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
    select gen_random_uuid(), type, 'ticket', $1, jsonb_build_object('ticketId', $1::text, 'number', number), now()
      from ticket, unnest(array['ticket.created', 'ticket.note_added']) as type),
  queued as (insert into queue_entries (ticket_id, unit_key, opened_at, queued_at) values ($1, $6, now(), now())),
  clock as (insert into ticket_clock_events (ticket_id, kind, unit_key, structure_version, occurred_at)
    values ($1, 'created', $6, $7, now())),
  timers as (insert into timers (id, subject_type, subject_id, kind, event_type, due_at, payload, created_at, updated_at)
    select gen_random_uuid(), 'ticket', $1, 'sla:' || i, 'sla.warning', now() + make_interval(hours => i),
      jsonb_build_object('number', number), now(), now() from ticket, generate_series(1, $11::int) as i),
  link as (insert into ticket_external_references (channel_id, system, external_id, ticket_id, created_at)
    values ($9, 'email', $10, $1, now())),
  claim as (insert into channel_inbound_changes (channel_id, change_key, applied_at) values ($9, 'mail:' || $10, now()))
  select number from ticket`;

// An answer in a known conversation: the entry, its audit records (entry, reference link), its
// event, the ticket's update, the Message-ID link and the change key.
const ENTRY = `with entry as (
    insert into ticket_entries (id, ticket_id, kind, direction, body, author_label, attachments, created_at)
    values (gen_random_uuid(), $1, 'public', 'from_customer', $2, 'bench', $3::jsonb, now()) returning id),
  touched as (update tickets set updated_at = now() where id = $1 returning number),
  audit as (insert into audit_records (occurred_at, actor_label, action, subject_type, subject_id, after)
    select now(), 'bench', action, 'ticket', $1, jsonb_build_object('entryId', entry.id)
      from entry, unnest(array['ticket.customer_wrote', 'ticket.external_reference_linked']) as action),
  events as (insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
    select gen_random_uuid(), 'ticket.customer_wrote', 'ticket', $1,
      jsonb_build_object('ticketId', $1::text, 'number', number, 'text', $2::text), now() from touched),
  link as (insert into ticket_external_references (channel_id, system, external_id, ticket_id, created_at)
    values ($4, 'email', $5, $1, now())),
  claim as (insert into channel_inbound_changes (channel_id, change_key, applied_at) values ($4, 'mail:' || $5, now()))
  select 1`;

/** Runs the baseline over every message of the mailbox; returns how many it wrote. */
export async function sameWorkBaseline(
  imap: ImapFlowOptions,
  databaseUrl: string,
  setting: BaselineSetting,
  timersPerTicket: number,
): Promise<number> {
  const client = new ImapFlow({ ...imap, logger: false });
  const database = new pg.Client({ connectionString: databaseUrl });
  await Promise.all([client.connect(), database.connect()]);
  const sources: Buffer[] = [];
  const lock = await client.getMailboxLock('INBOX', { readOnly: true });
  try {
    for await (const item of client.fetch('1:*', { uid: true, source: true }))
      if (item.source) sources.push(item.source);
  } finally {
    lock.release();
  }
  await client.logout();
  try {
    const threads = new Map<string, string>();
    let written = 0;
    for (const source of sources) {
      const mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
      // Its own Message-ID keys, so its links and change keys do not meet Escala's rows of the same mail.
      const messageId = `${mail.messageId ?? randomUUID()}#baseline`;
      const text = mail.text ?? '';
      const original = JSON.stringify([{ name: 'mensagem-original.eml', contentType: 'message/rfc822', sizeBytes: 0 }]);
      const threaded = mail.inReplyTo ? threads.get(`${mail.inReplyTo}#baseline`) : undefined;
      if (threaded) {
        await database.query(ENTRY, [threaded, text, original, setting.channelId, messageId]);
      } else {
        const contact = setting.contacts.get(mail.from?.value[0]?.address?.toLowerCase() ?? '');
        if (!contact) continue;
        const id = randomUUID();
        await database.query(NEW_TICKET, [
          id,
          contact.customerId,
          contact.contactId,
          mail.subject ?? '',
          text,
          setting.unitKey,
          setting.structureVersion,
          original,
          setting.channelId,
          messageId,
          timersPerTicket,
        ]);
        threads.set(messageId, id);
      }
      written += 1;
    }
    return written;
  } finally {
    await database.end();
  }
}
