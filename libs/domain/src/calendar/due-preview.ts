import { DateTime } from 'luxon';
import type { BusinessCalendar } from './business-calendar.js';
import type { SkippedHoliday } from './time-meter.js';

/** "A ticket opened Friday 17:30 with a 2 h target is due Monday 09:30", as the calendar counts it. */
export interface DuePreview {
  openedAt: Date;
  dueAt: Date;
  /** The due time on the desk's wall clock, `YYYY-MM-DDTHH:mm`, and its ISO weekday (1 = Monday). */
  dueLocal: string;
  dueWeekday: number;
  holidaysSkipped: SkippedHoliday[];
}

/**
 * When a target of `hours` business hours started at `openedAtLocal` (wall-clock `YYYY-MM-DDTHH:mm`
 * in the calendar's time zone) falls due; null when that local time does not exist.
 */
export function previewDue(calendar: BusinessCalendar, openedAtLocal: string, hours: number): DuePreview | null {
  const zone = calendar.config.timeZone;
  const opened = DateTime.fromISO(openedAtLocal, { zone });
  // A time skipped by a daylight-saving change comes back moved: it was not a time on the desk's clock.
  if (!opened.isValid || opened.toFormat("yyyy-MM-dd'T'HH:mm") !== openedAtLocal) return null;
  const openedAt = opened.toJSDate();
  const dueAt = calendar.add(openedAt, hours * 3_600_000);
  const due = DateTime.fromJSDate(dueAt, { zone });
  return {
    openedAt,
    dueAt,
    dueLocal: due.toFormat("yyyy-MM-dd'T'HH:mm"),
    dueWeekday: due.weekday,
    holidaysSkipped: calendar.measure(openedAt, dueAt).holidays,
  };
}
