import Holidays from 'date-holidays';
import type { ClosingHolidayType, HolidaySettings } from './calendar-config.js';

const CLOSING_TYPES: string[] = ['public', 'bank', 'optional'] satisfies ClosingHolidayType[];

/** A holiday that closes the desk from `start` to `end` (instants; half days are supported). */
export interface HolidayClosure {
  /** Local date, YYYY-MM-DD. */
  date: string;
  name: string;
  start: number;
  end: number;
}

/** A holiday as an admin reviews the calendar: `local` ones are the desk's own rules (`extra`). */
export interface CataloguedHoliday {
  date: string;
  name: string;
  type: ClosingHolidayType;
  local: boolean;
  closes: boolean;
}

/** Brazil's (or any country's) holidays from date-holidays, filtered by the calendar's settings, cached per year. */
export class HolidayClosures {
  private readonly holidays: Holidays;
  private readonly byYear = new Map<number, HolidayClosure[]>();
  private readonly localNames: Set<string>;

  constructor(
    private readonly settings: HolidaySettings,
    timeZone: string,
  ) {
    // The calendar checked the country, state and rules (calendarIssues) before building this.
    this.holidays = new Holidays(
      { country: settings.country, state: settings.state, region: settings.region },
      { timezone: timeZone, languages: ['pt', 'en'], types: ['public', 'bank', 'optional', 'observance', 'school'] },
    );
    this.localNames = new Set(settings.extra.map((extra) => extra.name));
    for (const extra of settings.extra) {
      if (!this.holidays.setHoliday(extra.rule, { name: extra.name, type: 'public' })) {
        throw new Error(`invalid holiday rule "${extra.rule}" for "${extra.name}"`);
      }
    }
  }

  /** Every holiday of a type that may close a desk (and the local ones), closing it or not. */
  catalogue(year: number): CataloguedHoliday[] {
    const types: string[] = this.settings.types;
    return this.holidays
      .getHolidays(year)
      .filter((holiday) => CLOSING_TYPES.includes(holiday.type))
      .map((holiday) => ({
        date: holiday.date.slice(0, 10),
        name: holiday.name,
        type: holiday.type as ClosingHolidayType,
        local: this.localNames.has(holiday.name),
        closes: types.includes(holiday.type) && !this.settings.workedHolidays.includes(holiday.name),
      }));
  }

  inYear(year: number): HolidayClosure[] {
    let closures = this.byYear.get(year);
    if (!closures) {
      const types: string[] = this.settings.types;
      closures = this.holidays
        .getHolidays(year)
        .filter((holiday) => types.includes(holiday.type) && !this.settings.workedHolidays.includes(holiday.name))
        .map((holiday) => ({
          date: holiday.date.slice(0, 10),
          name: holiday.name,
          start: holiday.start.getTime(),
          end: holiday.end.getTime(),
        }));
      this.byYear.set(year, closures);
    }
    return closures;
  }
}
