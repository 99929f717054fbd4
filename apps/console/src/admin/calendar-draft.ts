import type { Answer } from '../api/models';

export type Calendar = Answer<'/business-calendar', 'get'>;
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type HolidayType = Calendar['holidays']['types'][number];
type Period = { start: string; end: string };

export const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
export const HOLIDAY_TYPES: HolidayType[] = ['public', 'bank', 'optional'];

/*
 * Edits of a calendar draft as pure functions. Nothing here counts business time: due times come
 * from the server's preview, computed by the same calendar the SLA clocks use.
 */

export const periodsOf = (calendar: Calendar, day: Weekday): Period[] => calendar.workingHours[day] ?? [];

function withPeriods(calendar: Calendar, day: Weekday, periods: Period[]): Calendar {
  return { ...calendar, workingHours: { ...calendar.workingHours, [day]: periods } };
}

export function setPeriod(calendar: Calendar, day: Weekday, index: number, patch: Partial<Period>): Calendar {
  return withPeriods(
    calendar,
    day,
    periodsOf(calendar, day).map((period, i) => (i === index ? { ...period, ...patch } : period)),
  );
}

/** A new period starts where the day's last one ended (or at 08:00 on a closed day). */
export function addPeriod(calendar: Calendar, day: Weekday): Calendar {
  const periods = periodsOf(calendar, day);
  const start = periods.at(-1)?.end ?? '08:00';
  return withPeriods(calendar, day, [...periods, { start, end: start < '18:00' ? '18:00' : '24:00' }]);
}

export function removePeriod(calendar: Calendar, day: Weekday, index: number): Calendar {
  return withPeriods(
    calendar,
    day,
    periodsOf(calendar, day).filter((_, i) => i !== index),
  );
}

export function setHolidays(calendar: Calendar, patch: Partial<Calendar['holidays']>): Calendar {
  return { ...calendar, holidays: { ...calendar.holidays, ...patch } };
}

/** Closing on a holiday the library knows means not listing it among the days the desk works anyway. */
export function setClosesOn(calendar: Calendar, name: string, closes: boolean): Calendar {
  const worked = calendar.holidays.workedHolidays.filter((holiday) => holiday !== name);
  return setHolidays(calendar, { workedHolidays: closes ? worked : [...worked, name] });
}

export function setClosingType(calendar: Calendar, type: HolidayType, closes: boolean): Calendar {
  const types = calendar.holidays.types.filter((kept) => kept !== type);
  return setHolidays(calendar, {
    types: closes ? HOLIDAY_TYPES.filter((t) => t === type || types.includes(t)) : types,
  });
}

/** The wall-clock Friday 17:30 after `today` (today if it is a Friday): the classic "over the weekend" case. */
export function nextFridayEvening(today: Date): string {
  const date = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  date.setDate(date.getDate() + ((5 - date.getDay() + 7) % 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T17:30`;
}

/** ISO weekday (1 = Monday) of a local `YYYY-MM-DD…` date: a calendar date, so no time zone is involved. */
export function weekdayOf(local: string): Weekday {
  const [year, month, day] = local.slice(0, 10).split('-').map(Number);
  const sunday0 = new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay();
  return (sunday0 === 0 ? 7 : sunday0) as Weekday;
}

/** A wall-clock `YYYY-MM-DDTHH:mm` as people read it: "segunda-feira, 08/03/2027 09:30". */
export function describeLocal(local: string, weekdayName: string, language: string): string {
  const [date = '', time = ''] = local.split('T');
  const [year, month, day] = date.split('-');
  return `${weekdayName}, ${language === 'en' ? `${year}-${month}-${day}` : `${day}/${month}/${year}`} ${time}`;
}
