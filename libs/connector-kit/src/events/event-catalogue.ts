import { CONTACT_MEANS, TICKET_CHANNELS, TICKET_STATUSES } from '@escala/domain';
import { z } from 'zod';
import { Instant, TicketSummarySchema } from './ticket-summary.js';

/** Every ticket-related event starts with these: which ticket, and its summary once the change is committed. */
const aboutTicket = { ticketId: z.uuid(), number: z.number().int().positive(), ticket: TicketSummarySchema };
const ticketEvent = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject({ ...aboutTicket, ...shape });

const person = z.strictObject({ id: z.uuid(), name: z.string(), email: z.string().nullable() });
const attachment = z.strictObject({
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  url: z.string().nullable(),
});
const externalReference = z.strictObject({ system: z.string(), id: z.string() });
/** What a durable timer adds to the event it fires: its kind and the instant it was due. */
const timer = z.strictObject({ kind: z.string(), dueAt: Instant });
const slaClock = {
  /** The unit key whose target the clock measures. */
  unitKey: z.string(),
  clock: z.enum(['first-response', 'analysis']),
  clockId: z.string(),
  targetHours: z.number(),
  dueAt: Instant.optional(),
  /** The unit that owns a breach for good, even after the ticket moved on (`currentUnit`). */
  blamedUnit: z.string(),
  currentUnit: z.string(),
  timer,
};
const member = z.strictObject({
  userId: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
});
const actor = z.strictObject({ userId: z.uuid(), displayName: z.string() });
const priorityKind = z.enum(['ticket-priority', 'dev-request-prioritisation']);
const priorityDecision = ticketEvent({
  requestId: z.uuid(),
  kind: priorityKind,
  devRequestRef: z.string().nullable(),
});

/**
 * Every event type the core writes to the outbox, with its payload. This is the plugin API: a
 * connector consumes these types and may rely on these shapes; the core's writers are typed by it.
 */
export const EVENT_CATALOGUE = {
  'ticket.created': ticketEvent({
    unitKey: z.string(),
    category: z.string(),
    channel: z.enum(TICKET_CHANNELS),
    customerId: z.uuid(),
    structureVersion: z.number().int(),
    subject: z.string(),
    tags: z.array(z.string()),
  }),
  'ticket.escalated': ticketEvent({
    fromUnit: z.string(),
    toUnit: z.string(),
    reason: z.string(),
    spocId: z.uuid().nullable(),
  }),
  'ticket.status_changed': ticketEvent({ from: z.enum(TICKET_STATUSES), to: z.enum(TICKET_STATUSES) }),
  'ticket.assigned': ticketEvent({ assigneeId: z.uuid().nullable(), previousAssigneeId: z.uuid().nullable() }),
  'ticket.updated': ticketEvent({ changed: z.array(z.string()) }),
  /**
   * The ticket became URGENTE: by the playbook's declaration (an inoperative service, with the
   * leader's alert text) or by someone adding the tag (`declaration` null).
   */
  'ticket.urgent': ticketEvent({
    declaration: z
      .strictObject({
        serviceCode: z.string(),
        serviceLabel: z.string(),
        urgency: z.string(),
        declaredBy: z.string(),
        declaredAt: Instant,
        leaderAlert: z.string(),
      })
      .nullable(),
  }),
  /** Our public reply to the customer: what a mail channel sends. Never the customer's own words. */
  'ticket.reply_sent': ticketEvent({
    entryId: z.uuid(),
    author: person.nullable(),
    text: z.string(),
    /** The same text as HTML (escaped, paragraphs and line breaks kept). */
    html: z.string(),
    /** `to` is the ticket contact's e-mail when it has one. */
    recipients: z.strictObject({ to: z.array(z.string()), cc: z.array(z.string()) }),
    attachments: z.array(attachment),
    /** Every external reference of the ticket, oldest first: a mail channel's Message-IDs give In-Reply-To and References. */
    references: z.array(externalReference),
  }),
  /** The customer's message arrived (through a connector or typed in by an agent from a call). */
  'ticket.customer_wrote': ticketEvent({
    entryId: z.uuid(),
    text: z.string(),
    attachments: z.array(attachment),
    /** The reference the message came with (a mail's Message-ID), if any. */
    externalReference: externalReference.nullable(),
  }),
  'ticket.note_added': ticketEvent({ entryId: z.uuid(), authorId: z.uuid().nullable() }),
  'ticket.partner_product_marked': ticketEvent({ partnerName: z.string(), productName: z.string() }),
  'ticket.priority_requested': ticketEvent({
    requestId: z.uuid(),
    kind: priorityKind,
    unitKey: z.string(),
  }),
  'ticket.priority_approved': priorityDecision,
  'ticket.priority_declined': priorityDecision,
  /** An SLA clock reached a warning fraction of its target (fired by a durable timer). */
  'sla.warning': ticketEvent({ ...slaClock, fraction: z.number() }),
  'sla.breached': ticketEvent(slaClock),
  /** 24 h without the third party's answer: the follow-up resends (the core acts on it, connectors may too). */
  'third_party.resend_due': ticketEvent({ thirdPartyName: z.string(), timer }),
  /** 72 h without an answer: the follow-up produces the report. */
  'third_party.report_due': ticketEvent({ thirdPartyName: z.string(), timer }),
  'third_party.resend_recorded': ticketEvent({
    thirdPartyName: z.string(),
    means: z.enum(CONTACT_MEANS),
    to: z.string(),
    text: z.string(),
  }),
  'third_party.report_produced': ticketEvent({ thirdPartyName: z.string(), cause: z.string() }),
  /** A case was put forward for the error-correction sheet. */
  'error_sheet.requested': ticketEvent({ requestId: z.uuid() }),
  /** A leader authorised it: the sheet row to add. */
  'error_sheet.authorised': ticketEvent({
    requestId: z.uuid(),
    customer: z.strictObject({ id: z.uuid(), name: z.string().nullable() }),
    module: z.string().nullable(),
    description: z.string(),
    authorisedBy: actor,
    authorisedAt: Instant,
  }),
  /** A leader (or N2) declined it, with the reason the agent reads on the ticket; no row is added. */
  'error_sheet.declined': ticketEvent({
    requestId: z.uuid(),
    reason: z.string(),
    declinedBy: actor,
    declinedAt: Instant,
  }),
  'announcement.published': z.strictObject({
    announcementId: z.uuid(),
    groupId: z.uuid(),
    group: z.string(),
    title: z.string(),
    body: z.string(),
    locale: z.string(),
    audience: z.array(member),
    publishedBy: actor,
    acknowledgeBy: Instant.nullable(),
  }),
  'announcement.reminder_requested': z.strictObject({
    announcementId: z.uuid(),
    groupId: z.uuid(),
    group: z.string(),
    title: z.string(),
    pending: z.array(member),
    requestedBy: actor,
    acknowledgeBy: Instant.nullable(),
  }),
  'support_structure.changed': z.strictObject({ version: z.number().int(), preset: z.string().nullable() }),
  'suggestion.registered': z.strictObject({ suggestionId: z.uuid(), title: z.string() }),
  /** A message nobody could place waits in the relationship desk's triage (an unknown sender's mail). */
  'triage.item_held': z.strictObject({
    itemId: z.uuid(),
    channelId: z.uuid(),
    sender: z.string(),
    subject: z.string(),
    receivedAt: Instant,
  }),
  /** A person redirected the item (to a ticket, a tier or stage, a person) or dismissed it. */
  'triage.item_resolved': z.strictObject({
    itemId: z.uuid(),
    channelId: z.uuid(),
    resolution: z.enum(['ticket', 'unit', 'person', 'dismissed']),
    ticketId: z.uuid().nullable(),
    by: actor,
  }),
  /** Raised by the platform when a delivery exhausted its attempts; channels may subscribe to it. */
  'connector.delivery_dead_lettered': z.strictObject({
    deliveryId: z.uuid(),
    eventId: z.uuid(),
    eventType: z.string(),
    attempts: z.number().int(),
    errorKind: z.string(),
    error: z.string(),
    reason: z.string(),
  }),
  /**
   * A channel became unusable until someone acts: "test connection" or its upkeep found its
   * credentials revoked or its configuration refused (a Teams service account whose sign-in expired).
   */
  'connector.channel_unhealthy': z.strictObject({
    channelId: z.uuid(),
    channel: z.string(),
    connector: z.string(),
    detail: z.string(),
    checkedAt: Instant,
  }),
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export type EventPayload<T extends EventType> = z.output<(typeof EVENT_CATALOGUE)[T]>;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

/** The types whose payload carries `ticket`, the ticket summary (subscriptions filter on it). */
export type TicketEventType = {
  [T in EventType]: EventPayload<T> extends { ticket: unknown } ? T : never;
}[EventType];
export const TICKET_EVENT_TYPES = EVENT_TYPES.filter(
  (type) => 'ticket' in EVENT_CATALOGUE[type].shape,
) as TicketEventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, type);
}
