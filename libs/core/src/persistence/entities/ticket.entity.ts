import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ENTRY_DIRECTIONS, ENTRY_KINDS, TICKET_CHANNELS, TICKET_STATUSES } from '@escala/domain';

/** A deadline the customer depends on ("prazos e entregas", docs/playbook.md §9.1). */
export interface CustomerDeadline {
  description: string;
  dueOn: string;
}

/** The "Análise Técnico" record. */
export interface TechnicalAnalysis {
  summary: string;
  cause: string | null;
  solution: string | null;
  customerContacted: boolean;
  cancellationReason: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface AttachmentMeta {
  name: string;
  contentType: string;
  sizeBytes: number;
  url: string | null;
}

/** A support request (SSC). `search` is a generated column maintained by PostgreSQL and not mapped. */
export const TicketSchema = defineEntity({
  name: 'Ticket',
  tableName: 'tickets',
  properties: {
    id: p.uuid().primary(),
    number: p.bigint('number').generated('identity').nullable(),
    customerId: p.uuid(),
    contactId: p.uuid().nullable(),
    channel: p.enum(TICKET_CHANNELS),
    product: p.string().nullable(),
    module: p.string().nullable(),
    category: p.string(),
    subject: p.text(),
    description: p.text(),
    status: p.enum(TICKET_STATUSES),
    unitKey: p.string(),
    structureVersion: p.integer(),
    assigneeId: p.uuid().nullable(),
    /** When the current assignee got the ticket; pending work counts a cancellation's contact from it. */
    assignedAt: p.datetime().nullable(),
    spocId: p.uuid().nullable(),
    tags: p.array(),
    deadlines: p.json<CustomerDeadline[]>(),
    technicalAnalysis: p.json<TechnicalAnalysis>().nullable(),
    /** Skip reasons of the queue (docs/playbook.md §4.1), set by an agent or an inbound connector. */
    priorityEmail: p.boolean().default(false),
    customerContactedAgain: p.boolean().default(false),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    devRequestReference: p.text().nullable(),
    fixVersion: p.text().nullable(),
    externalStatus: p.text().nullable(),
    externalNote: p.text().nullable(),
  },
});

/** A ticket's identity in another tool, per channel: a sheet row key, a mail Message-ID, a portal id. */
export const TicketExternalReferenceSchema = defineEntity({
  name: 'TicketExternalReference',
  tableName: 'ticket_external_references',
  properties: {
    channelId: p.uuid().primary(),
    system: p.string().primary(),
    externalId: p.string().primary(),
    ticketId: p.uuid(),
    createdAt: p.datetime(),
  },
});

/** A trâmite: a public reply, an internal note, or a system event. */
export const TicketEntrySchema = defineEntity({
  name: 'TicketEntry',
  tableName: 'ticket_entries',
  properties: {
    id: p.uuid().primary(),
    ticketId: p.uuid(),
    kind: p.enum(ENTRY_KINDS),
    direction: p.enum(ENTRY_DIRECTIONS),
    body: p.text(),
    authorId: p.uuid().nullable(),
    authorLabel: p.string(),
    attachments: p.json<AttachmentMeta[]>(),
    /** A system line's catalogue key and values (docs/decisions/0007-history-language.md); null for people's words. */
    messageKey: p.string().nullable(),
    messageValues: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime(),
  },
});

export type Ticket = InferEntity<typeof TicketSchema>;
export type TicketEntry = InferEntity<typeof TicketEntrySchema>;
export type TicketExternalReference = InferEntity<typeof TicketExternalReferenceSchema>;
