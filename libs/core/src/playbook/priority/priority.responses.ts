import { z } from 'zod';
import { Instant } from '../../tickets/ticket.responses.js';

export const PriorityRequestResponse = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  kind: z.enum(['ticket-priority', 'dev-request-prioritisation']),
  requestedBy: z.string(),
  requestedAt: Instant,
  justification: z.string(),
  devRequestRef: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'declined']),
  decidedBy: z.string().nullable(),
  decidedAt: Instant.nullable(),
  declineReason: z.string().nullable(),
});

export const PriorityRequestsResponse = z.object({ items: z.array(PriorityRequestResponse) });

/** "Visualizar implantação": the customer's implementation items the problem may put at risk. */
export const ImplementationResponse = z.object({
  today: z.iso.date(),
  deadlines: z.array(z.object({ description: z.string(), dueOn: z.iso.date() })),
  affectedModule: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.uuid(),
      scheduledFor: z.iso.date(),
      module: z.string(),
      status: z.enum(['scheduled', 'done', 'cancelled']),
      notes: z.string().nullable(),
    }),
  ),
});
