import { TICKET_STATUSES } from '@escala/domain';
import { z } from 'zod';

/** An instant as the core writes it: ISO 8601 in UTC. */
export const Instant = z.iso.datetime({ offset: true });

/**
 * What every ticket-related event carries about its ticket, as it stands once the change is
 * committed: enough to build a Teams card or a sheet row from the event alone.
 */
export const TicketSummarySchema = z.strictObject({
  id: z.uuid(),
  number: z.number().int().positive(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  /** Where the ticket is: the unit's key, its tier (`N1`…) and its stage inside the tier (N1 stage 2); a desk has neither. */
  unit: z.strictObject({ key: z.string(), tier: z.string().nullable(), stage: z.number().int().nullable() }),
  category: z.string(),
  tags: z.array(z.string()),
  customer: z.strictObject({ id: z.uuid(), name: z.string() }),
  /** The customer's person who asked; a reply to the customer goes to this e-mail. */
  contact: z.strictObject({ name: z.string(), email: z.string().nullable() }).nullable(),
  assignee: z.strictObject({ id: z.uuid(), name: z.string(), email: z.string().nullable() }).nullable(),
  /** The SLA clocks still running, soonest due first: `unit` is the unit whose target it is. */
  slaClocks: z.array(z.strictObject({ kind: z.string(), unit: z.string(), dueAt: Instant })),
  /** Where a person opens the ticket: `ESCALA_PUBLIC_URL` + `/tickets/{id}`. */
  url: z.url(),
});

export type TicketSummary = z.output<typeof TicketSummarySchema>;
