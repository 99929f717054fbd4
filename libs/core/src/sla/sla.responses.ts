import { z } from 'zod';
import { Instant } from '../tickets/ticket.responses.js';

const Target = z.object({
  hours: z.number(),
  basis: z.enum(['business', 'calendar']),
  metBy: z.enum(['public-reply', 'agent-action']).optional(),
});

/** "Why is this due at X?": every clock of a ticket with what went into its due time. */
export const TicketSlaResponse = z.object({
  ticketId: z.uuid(),
  now: Instant,
  clocks: z.array(
    z.object({
      clockId: z.string(),
      unitKey: z.string(),
      kind: z.enum(['first-response', 'analysis']),
      state: z.enum(['running', 'paused', 'met', 'stopped']),
      target: Target,
      startedAt: Instant,
      pauses: z.array(
        z.object({
          reason: z.enum(['waiting-customer', 'waiting-third-party']),
          from: Instant,
          to: Instant.nullable(),
        }),
      ),
      segments: z.array(z.object({ start: Instant, end: Instant, ms: z.number() })),
      holidays: z.array(z.object({ date: z.iso.date(), name: z.string() })),
      elapsedMs: z.number(),
      remainingMs: z.number().nullable(),
      dueAt: Instant.nullable(),
      endedAt: Instant.nullable(),
      endedBy: z.enum(['replied', 'acted', 'escalated', 'closed']).nullable(),
      breachedAt: Instant.nullable(),
      dueIfResumedNow: Instant.nullable(),
    }),
  ),
});
