/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A span of opening hours within one local day, "HH:mm" to "HH:mm" ("24:00" closes at midnight). */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/** The kinds of holiday that date-holidays reports for Brazil which may close the desk. */
export type ClosingHolidayType = 'public' | 'bank' | 'optional';

export interface HolidaySettings {
  /** ISO country code understood by date-holidays. */
  country: string;
  /** State code (e.g. "SP"): adds the state's holidays. */
  state?: string;
  /** Region code within the state, for municipal holidays the library knows. */
  region?: string;
  /**
   * Which holiday types close the desk. In Brazil date-holidays marks the national public holidays
   * (incl. Sexta-feira Santa) `public`, Carnaval Monday and Tuesday and Corpus Christi `bank`
   * ("ponto facultativo"), Ash Wednesday until 14:00 and the afternoons of 24 and 31 December `optional`.
   */
  types: ClosingHolidayType[];
  /** Holidays the desk works on anyway, by the library's name (e.g. "Carnaval"). */
  workedHolidays: string[];
  /**
   * Extra closures in date-holidays rule grammar, for municipal holidays or company days off:
   * `{ rule: '01-25', name: 'Aniversário de São Paulo' }`, `{ rule: 'easter 60', name: '…' }`,
   * `{ rule: '2027-03-10', name: '…' }`.
   */
  extra: { rule: string; name: string }[];
}

export interface BusinessCalendarConfig {
  /** IANA time zone the working hours and holidays are read in. */
  timeZone: string;
  workingHours: Partial<Record<Weekday, WorkingPeriod[]>>;
  holidays: HolidaySettings;
}

export interface CalendarOverrides {
  timeZone?: string;
  workingHours?: BusinessCalendarConfig['workingHours'];
  holidays?: Partial<HolidaySettings>;
}

const DESK_HOURS: WorkingPeriod[] = [{ start: '08:00', end: '18:00' }];

/**
 * The desk of the playbook's teams: São Paulo time, Monday–Friday 08:00–18:00, Brazil's national holidays.
 * Carnaval Monday/Tuesday and Corpus Christi close the desk by default: nationally they are only
 * "ponto facultativo", but support teams of accounting software customers (whose own offices close)
 * treat them as days off; list "Carnaval" in `workedHolidays` to count them as working days.
 */
export function defaultCalendarConfig(overrides: CalendarOverrides = {}): BusinessCalendarConfig {
  return {
    timeZone: 'America/Sao_Paulo',
    workingHours: { 1: DESK_HOURS, 2: DESK_HOURS, 3: DESK_HOURS, 4: DESK_HOURS, 5: DESK_HOURS },
    ...overrides,
    holidays: { country: 'BR', types: ['public', 'bank'], workedHolidays: [], extra: [], ...overrides.holidays },
  };
}
