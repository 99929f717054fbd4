import { z } from 'zod';
import { AttachmentBody } from '../tickets/ticket.schemas.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const reference = z.strictObject({ system: text(100), id: text(500) });

/** What a channel hands to triage through the port (`NewTriageItem`). */
export const HoldTriageItemBody = z.strictObject({
  key: text(500),
  sender: z.strictObject({ email: z.email().max(320), name: text(200).optional() }),
  subject: text(300),
  body: text(100_000),
  receivedAt: z.iso.datetime({ offset: true }),
  attachments: z.array(AttachmentBody).max(20).default([]),
  sourceUrl: z.url().max(2000).optional(),
  externalReference: reference.optional(),
  category: text(80).optional(),
});

/** A new ticket made from the item: the customer is the member's choice, the sender may become its contact. */
const newTicket = {
  customerId: z.uuid(),
  /** Defaults to the channel's category. */
  category: text(40).optional(),
  /** Replies by mail go to the ticket's contact: adding the sender also makes their next mail match. */
  addSenderAsContact: z.boolean().default(false),
};

export const RedirectTriageBody = z.discriminatedUnion('to', [
  /** The ticket by id, or by the number people see (exactly one of them). */
  z.strictObject({
    to: z.literal('ticket'),
    ticketId: z.uuid().optional(),
    ticketNumber: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  z.strictObject({ to: z.literal('unit'), unitKey: text(40), ...newTicket }),
  z.strictObject({ to: z.literal('person'), assigneeId: z.uuid(), ...newTicket }),
]);

export const DismissTriageBody = z.strictObject({ reason: text(500) });

export type HoldTriageItemInput = z.infer<typeof HoldTriageItemBody>;
export type RedirectTriageInput = z.infer<typeof RedirectTriageBody>;
