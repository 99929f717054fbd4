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

const Periods = z.array(z.object({ start: z.string(), end: z.string() }));

/** The desk's business calendar, as saved (or the built-in default). */
export const CalendarResponse = z.object({
  timeZone: z.string(),
  workingHours: z
    .object({ 1: Periods, 2: Periods, 3: Periods, 4: Periods, 5: Periods, 6: Periods, 7: Periods })
    .partial(),
  holidays: z.object({
    country: z.string(),
    state: z.string().optional(),
    region: z.string().optional(),
    types: z.array(z.enum(['public', 'bank', 'optional'])),
    workedHolidays: z.array(z.string()),
    extra: z.array(z.object({ rule: z.string(), name: z.string() })),
  }),
});

/** What a calendar does: the year's holidays and when sample tickets would fall due (computed here, not in a browser). */
export const CalendarPreviewResponse = z.object({
  timeZone: z.string(),
  holidays: z.array(
    z.object({
      date: z.iso.date(),
      name: z.string(),
      type: z.enum(['public', 'bank', 'optional']),
      local: z.boolean(),
      closes: z.boolean(),
    }),
  ),
  samples: z.array(
    z.object({
      openedAt: Instant,
      hours: z.number(),
      dueAt: Instant,
      dueLocal: z.string(),
      dueWeekday: z.number().int().min(1).max(7),
      holidaysSkipped: z.array(z.object({ date: z.iso.date(), name: z.string() })),
    }),
  ),
});
