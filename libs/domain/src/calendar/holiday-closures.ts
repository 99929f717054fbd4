import Holidays from 'date-holidays';
import type { HolidaySettings } from './calendar-config.js';

/** A holiday that closes the desk from `start` to `end` (instants; half days are supported). */
export interface HolidayClosure {
  /** Local date, YYYY-MM-DD. */
  date: string;
  name: string;
  start: number;
  end: number;
}

/** Brazil's (or any country's) holidays from date-holidays, filtered by the calendar's settings, cached per year. */
export class HolidayClosures {
  private readonly holidays: Holidays;
  private readonly byYear = new Map<number, HolidayClosure[]>();

  constructor(
    private readonly settings: HolidaySettings,
    timeZone: string,
  ) {
    const known = new Holidays().getCountries();
    if (!(settings.country in known)) throw new Error(`unknown holiday country "${settings.country}"`);
    if (settings.state && !(settings.state in new Holidays().getStates(settings.country))) {
      throw new Error(`unknown state "${settings.state}" of ${settings.country}`);
    }
    this.holidays = new Holidays(
      { country: settings.country, state: settings.state, region: settings.region },
      { timezone: timeZone, languages: ['pt', 'en'], types: ['public', 'bank', 'optional', 'observance', 'school'] },
    );
    for (const extra of settings.extra) {
      if (!this.holidays.setHoliday(extra.rule, { name: extra.name, type: 'public' })) {
        throw new Error(`invalid holiday rule "${extra.rule}" for "${extra.name}"`);
      }
    }
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
