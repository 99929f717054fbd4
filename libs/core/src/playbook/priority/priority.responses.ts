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
