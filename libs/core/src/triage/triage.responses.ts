import { z } from 'zod';
import { TRIAGE_STATUSES } from './triage-items.repository.js';

const attachment = z.object({
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string().nullable(),
});

export const TriageItemResponse = z.object({
  id: z.uuid(),
  channel: z.object({ id: z.uuid(), name: z.string() }),
  sender: z.object({ email: z.string(), name: z.string().nullable() }),
  subject: z.string(),
  body: z.string(),
  attachments: z.array(attachment),
  sourceUrl: z.string().nullable(),
  externalReference: z.object({ system: z.string(), id: z.string() }).nullable(),
  category: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  status: z.enum(TRIAGE_STATUSES),
  outcome: z.record(z.string(), z.unknown()).nullable(),
  handledBy: z.uuid().nullable(),
  handledAt: z.iso.datetime().nullable(),
});

export const TriageItemsResponse = z.object({ items: z.array(TriageItemResponse) });

/** What a redirect made: the item as it is now, and the ticket the mail is on. */
export const TriageRedirectResponse = z.object({
  item: TriageItemResponse,
  ticket: z.object({ id: z.uuid(), number: z.number().int() }),
});
