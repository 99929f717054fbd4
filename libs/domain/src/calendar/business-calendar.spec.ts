import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './business-calendar.js';
import type { CalendarOverrides } from './calendar-config.js';
import { calendarTime } from './time-meter.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** São Paulo is UTC-3 all year (no daylight saving since 2019). */
const sp = (local: string) => new Date(`${local}-03:00`);

describe('BusinessCalendar (default: São Paulo, Mon–Fri 08:00–18:00, Brazilian holidays)', () => {
  const calendar = BusinessCalendar.withDefaults();

  it('knows Carnaval 2027 (Mon 8 and Tue 9 Feb) from the holidays library and closes on it by default', () => {
    const span = calendar.measure(sp('2027-02-05T17:00'), sp('2027-02-10T18:00'));
    expect(span.holidays).toEqual([
      { date: '2027-02-08', name: 'Carnaval' },
      { date: '2027-02-09', name: 'Carnaval' },
    ]);
    expect(span.segments.map((s) => [s.start, s.end])).toEqual([
      [sp('2027-02-05T17:00'), sp('2027-02-05T18:00')],
      [sp('2027-02-10T08:00'), sp('2027-02-10T18:00')],
    ]);
  });

  it.each<[string, CalendarOverrides, string]>([
    ['Carnaval closed (default)', {}, '2027-02-12T11:00'],
    ['Carnaval worked', { holidays: { workedHolidays: ['Carnaval'] } }, '2027-02-10T11:00'],
    ['Ash Wednesday morning closed too', { holidays: { types: ['public', 'bank', 'optional'] } }, '2027-02-12T17:00'],
  ])('a 24 h business-hours target from Friday 17:00 before Carnaval 2027 (%s) is due %s', (_label, overrides, due) => {
    expect(BusinessCalendar.withDefaults(overrides).add(sp('2027-02-05T17:00'), 24 * HOUR)).toEqual(sp(due));
  });

  it('Scenario 1: a ticket opened Friday 17:40 has 20 minutes on Friday, then counts from Monday 08:00', () => {
    const friday = sp('2026-11-27T17:40');
    expect(calendar.add(friday, 20 * MINUTE)).toEqual(sp('2026-11-27T18:00'));
    expect(calendar.add(friday, 21 * MINUTE)).toEqual(sp('2026-11-30T08:01'));
    expect(calendar.elapsed(friday, sp('2026-11-30T09:00'))).toBe(80 * MINUTE);
    expect(calendar.measure(friday, sp('2026-11-30T09:00')).segments.map((s) => s.ms)).toEqual([
      20 * MINUTE,
      60 * MINUTE,
    ]);
  });

  it('counts Sexta-feira Santa and Corpus Christi as holidays (movable, computed by the library)', () => {
    // 2027: Good Friday 26 March, Corpus Christi Thursday 27 May.
    expect(calendar.elapsed(sp('2027-03-26T00:00'), sp('2027-03-27T00:00'))).toBe(0);
    expect(calendar.elapsed(sp('2027-05-27T00:00'), sp('2027-05-28T00:00'))).toBe(0);
    expect(calendar.elapsed(sp('2027-05-28T00:00'), sp('2027-05-29T00:00'))).toBe(10 * HOUR);
  });

  it('adds state holidays by configuration (São Paulo, 9 July) and municipal ones as extra rules', () => {
    const day = [sp('2027-07-09T00:00'), sp('2027-07-10T00:00')] as const;
    expect(calendar.elapsed(...day)).toBe(10 * HOUR);
    expect(BusinessCalendar.withDefaults({ holidays: { state: 'SP' } }).elapsed(...day)).toBe(0);
    const city = BusinessCalendar.withDefaults({
      holidays: { state: 'SP', extra: [{ rule: '01-25', name: 'Aniversário de São Paulo' }] },
    });
    expect(city.measure(sp('2027-01-25T00:00'), sp('2027-01-26T00:00'))).toEqual({
      segments: [],
      holidays: [{ date: '2027-01-25', name: 'Aniversário de São Paulo' }],
    });
  });

  it('names only the holidays that took working time away', () => {
    // 1 May 2027 is a Saturday: a holiday, but nothing to explain.
    expect(calendar.measure(sp('2027-04-30T08:00'), sp('2027-05-04T08:00')).holidays).toEqual([]);
  });

  it('honours several working periods per day (lunch break) and a time zone', () => {
    const cal = BusinessCalendar.withDefaults({
      timeZone: 'America/Manaus',
      workingHours: {
        1: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      },
    });
    // Monday 30 Nov 2026, Manaus is UTC-4.
    expect(cal.add(new Date('2026-11-30T11:00-04:00'), 2 * HOUR)).toEqual(new Date('2026-11-30T14:00-04:00'));
    expect(cal.add(new Date('2026-11-30T16:00-04:00'), 2 * HOUR)).toEqual(new Date('2026-12-07T09:00-04:00'));
  });

  it('measures nothing backwards and adds nothing for a zero target', () => {
    expect(calendar.elapsed(sp('2026-11-30T10:00'), sp('2026-11-30T09:00'))).toBe(0);
    expect(calendar.add(sp('2026-11-28T10:00'), 0)).toEqual(sp('2026-11-28T10:00'));
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, /time zone/],
    [{ workingHours: {} }, /working hours/],
    [{ workingHours: { 1: [{ start: '18:00', end: '08:00' }] } }, /empty/],
    [{ workingHours: { 1: [{ start: '8h', end: '18:00' }] } }, /HH:mm/],
    [{ holidays: { country: 'XX' } }, /country/],
    [{ holidays: { state: 'ZZ' } }, /state/],
  ])('refuses a bad configuration %j', (overrides, message) => {
    expect(() => BusinessCalendar.withDefaults(overrides as never)).toThrow(message);
  });
});

describe('calendarTime', () => {
  it('counts nights, weekends and holidays', () => {
    expect(calendarTime.add(sp('2027-02-05T17:00'), 24 * HOUR)).toEqual(sp('2027-02-06T17:00'));
    expect(calendarTime.elapsed(sp('2027-02-05T17:00'), sp('2027-02-08T17:00'))).toBe(72 * HOUR);
  });
});
