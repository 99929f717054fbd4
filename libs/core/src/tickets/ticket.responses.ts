import { ENTRY_DIRECTIONS, ENTRY_KINDS, TICKET_STATUSES } from '@escala/domain';
import { z } from 'zod';

/** An instant on the wire: JSON writes Dates as ISO strings. */
export const Instant = z.iso.datetime({ offset: true });

export const TicketResponse = z.object({
  id: z.uuid(),
  number: z.number().int(),
  customerId: z.uuid(),
  contactId: z.uuid().nullable(),
  channel: z.string(),
  product: z.string().nullable(),
  module: z.string().nullable(),
  category: z.string(),
  subject: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  unitKey: z.string(),
  structureVersion: z.number().int(),
  assigneeId: z.uuid().nullable(),
  spocId: z.uuid().nullable(),
  tags: z.array(z.string()),
  deadlines: z.array(z.object({ description: z.string(), dueOn: z.iso.date() })),
  technicalAnalysis: z
    .object({
      summary: z.string(),
      cause: z.string().nullable(),
      solution: z.string().nullable(),
      customerContacted: z.boolean(),
      cancellationReason: z.string().nullable(),
      recordedBy: z.string(),
      recordedAt: Instant,
    })
    .nullable(),
  devRequestReference: z.string().nullable(),
  fixVersion: z.string().nullable(),
  externalStatus: z.string().nullable(),
  externalNote: z.string().nullable(),
  priorityEmail: z.boolean(),
  customerContactedAgain: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});

export const TicketPageResponse = z.object({ items: z.array(TicketResponse), nextCursor: z.string().nullable() });

export const EntryResponse = z.object({
  id: z.uuid(),
  kind: z.enum(ENTRY_KINDS),
  direction: z.enum(ENTRY_DIRECTIONS),
  body: z.string(),
  authorId: z.uuid().nullable(),
  authorLabel: z.string().nullable(),
  attachments: z.array(
    z.object({ name: z.string(), contentType: z.string(), sizeBytes: z.number(), url: z.string().nullable() }),
  ),
  createdAt: Instant,
});

export const EntriesResponse = z.object({ items: z.array(EntryResponse) });
