import { z } from 'zod';
import { Instant } from '../tickets/ticket.responses.js';

export const DashboardResponse = z.object({
  sla: z.array(
    z.object({
      ticketId: z.uuid(),
      number: z.number().int(),
      subject: z.string(),
      unitKey: z.string(),
      assigneeId: z.uuid().nullable(),
      /** Who holds the ticket: the blame of a breach. */
      assignee: z.string().nullable(),
      breached: z.boolean(),
      state: z.enum(['at-risk', 'breached']),
      dueAt: Instant.nullable(),
    }),
  ),
  pendingPriorityRequests: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      ticketId: z.uuid(),
      number: z.number().int(),
      subject: z.string(),
      unitKey: z.string(),
      justification: z.string(),
      requestedAt: Instant,
      requestedBy: z.string().nullable(),
    }),
  ),
});
