import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { BusinessCalendarConfig, WorkingPeriod } from './calendar-config.js';

export interface CalendarIssue {
  /** Dotted path in the configuration, e.g. `workingHours.5.0.end` or `holidays.extra.2.rule`. */
  field: string;
  message: string;
}

const TIME = /^(\d{2}):(\d{2})$/;

/** Minutes since midnight of an "HH:mm" time ("24:00" allowed), or null when it is not one. */
export function minutesOfDay(time: string): number | null {
  const match = TIME.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
  return minutes >= 0 && minutes <= 24 * 60 && Number(match?.[2]) < 60 ? minutes : null;
}

function periodIssues(weekday: string, periods: readonly WorkingPeriod[]): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const spans: { index: number; start: number; end: number }[] = [];
  periods.forEach((period, index) => {
    const at = `workingHours.${weekday}.${index}`;
    const start = minutesOfDay(period.start);
    const end = minutesOfDay(period.end);
    if (start === null) issues.push({ field: `${at}.start`, message: `invalid time of day "${period.start}" (HH:mm)` });
    if (end === null) issues.push({ field: `${at}.end`, message: `invalid time of day "${period.end}" (HH:mm)` });
    if (start === null || end === null) return;
    if (start >= end)
      issues.push({ field: `${at}.end`, message: `working period ${period.start}–${period.end} is empty` });
    else spans.push({ index, start, end });
  });
  // Overlapping periods would count the same hour twice.
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i]!;
    if (span.start < spans[i - 1]!.end)
      issues.push({
        field: `workingHours.${weekday}.${span.index}.start`,
        message: 'working periods of one day overlap',
      });
  }
  return issues;
}

/** Everything wrong with a calendar configuration, each named by its field; empty when usable. */
export function calendarIssues(config: BusinessCalendarConfig): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (!DateTime.local().setZone(config.timeZone).isValid)
    issues.push({ field: 'timeZone', message: `unknown time zone "${config.timeZone}"` });
  const days = Object.entries(config.workingHours);
  for (const [weekday, periods] of days) issues.push(...periodIssues(weekday, periods ?? []));
  if (!days.some(([, periods]) => periods?.length))
    issues.push({ field: 'workingHours', message: 'a business calendar needs working hours' });
  const { holidays } = config;
  if (!(holidays.country in new Holidays().getCountries())) {
    issues.push({ field: 'holidays.country', message: `unknown holiday country "${holidays.country}"` });
    return issues;
  }
  if (holidays.state && !(holidays.state in (new Holidays().getStates(holidays.country) ?? {})))
    issues.push({ field: 'holidays.state', message: `unknown state "${holidays.state}" of ${holidays.country}` });
  const rules = new Holidays(holidays.country);
  holidays.extra.forEach((extra, index) => {
    if (!rules.setHoliday(extra.rule, { name: extra.name, type: 'public' }))
      issues.push({
        field: `holidays.extra.${index}.rule`,
        message: `invalid holiday rule "${extra.rule}" (e.g. 2027-03-08, 01-25 or easter 60)`,
      });
  });
  return issues;
}
