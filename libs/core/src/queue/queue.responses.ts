import { QUEUE_ORDERS, SKIP_REASONS } from '@escala/domain';
import { z } from 'zod';
import { Instant, TicketResponse } from '../tickets/ticket.responses.js';

export const SkipReasonSchema = z.enum(SKIP_REASONS);

/** The ticket just assigned, or null when the queue is empty. */
export const TakenResponse = z.object({ ticket: TicketResponse.nullable() });

export const QueueViewResponse = z.object({
  unitKey: z.string(),
  order: z.enum(QUEUE_ORDERS),
  items: z.array(
    z.object({
      ticketId: z.uuid(),
      position: z.number().int(),
      skipReason: SkipReasonSchema.nullable(),
      waitingSince: Instant,
      number: z.number().int(),
      subject: z.string(),
      openedAt: Instant,
      queuedAt: Instant,
      waitingMs: z.number(),
    }),
  ),
});
