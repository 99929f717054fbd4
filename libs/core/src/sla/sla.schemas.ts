import { z } from 'zod';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:mm');
const periods = z.array(z.strictObject({ start: time, end: time })).max(6);

/** The desk's business calendar as an admin saves it; see `BusinessCalendarConfig`. */
export const CalendarBody = z.strictObject({
  timeZone: z.string().trim().min(1).max(64),
  workingHours: z
    .strictObject({ 1: periods, 2: periods, 3: periods, 4: periods, 5: periods, 6: periods, 7: periods })
    .partial(),
  holidays: z.strictObject({
    country: z.string().trim().length(2),
    state: z.string().trim().min(1).max(10).optional(),
    region: z.string().trim().min(1).max(20).optional(),
    types: z.array(z.enum(['public', 'bank', 'optional'])).max(3),
    workedHolidays: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    extra: z
      .array(z.strictObject({ rule: z.string().trim().min(1).max(100), name: z.string().trim().min(1).max(200) }))
      .max(200)
      .default([]),
  }),
});

/** A draft calendar (or the saved one) tried on sample tickets before an admin saves it. */
export const CalendarPreviewBody = z.strictObject({
  calendar: CalendarBody.optional(),
  year: z.number().int().min(2000).max(2100),
  samples: z
    .array(
      z.strictObject({
        /** Wall-clock time in the calendar's time zone. */
        openedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:mm'),
        hours: z.number().positive().max(10_000),
      }),
    )
    .max(3),
});
