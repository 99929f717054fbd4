import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './business-calendar.js';
import { defaultCalendarConfig } from './calendar-config.js';
import { calendarIssues } from './calendar-issues.js';

describe('calendarIssues', () => {
  it('finds nothing wrong with the default desk', () => {
    expect(calendarIssues(defaultCalendarConfig())).toEqual([]);
  });

  it('names the field of each fault, so an editor shows it next to that field', () => {
    const config = defaultCalendarConfig({
      timeZone: 'Mars/Olympus',
      workingHours: {
        1: [{ start: '08:00', end: '18:00' }],
        5: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '10:00' },
          { start: '11:30', end: '13:00' },
          { start: '25:00', end: '26:00' },
        ],
      },
      holidays: { state: 'ZZ', extra: [{ rule: 'qualquer dia', name: 'Festa' }] },
    });
    expect(calendarIssues(config)).toEqual([
      { field: 'timeZone', message: 'unknown time zone "Mars/Olympus"' },
      { field: 'workingHours.5.1.end', message: 'working period 11:00–10:00 is empty' },
      { field: 'workingHours.5.3.start', message: 'invalid time of day "25:00" (HH:mm)' },
      { field: 'workingHours.5.3.end', message: 'invalid time of day "26:00" (HH:mm)' },
      { field: 'workingHours.5.2.start', message: 'working periods of one day overlap' },
      { field: 'holidays.state', message: 'unknown state "ZZ" of BR' },
      {
        field: 'holidays.extra.0.rule',
        message: 'invalid holiday rule "qualquer dia" (e.g. 2027-03-08, 01-25 or easter 60)',
      },
    ]);
  });

  it('asks for working hours and a known country', () => {
    expect(calendarIssues(defaultCalendarConfig({ workingHours: {}, holidays: { country: 'XX' } }))).toEqual([
      { field: 'workingHours', message: 'a business calendar needs working hours' },
      { field: 'holidays.country', message: 'unknown holiday country "XX"' },
    ]);
  });
});

describe('BusinessCalendar.holidaysOf', () => {
  it('lists the national holidays, the local ones, and which of them close the desk', () => {
    const calendar = new BusinessCalendar(
      defaultCalendarConfig({
        holidays: { workedHolidays: ['Carnaval'], extra: [{ rule: '2027-03-08', name: 'Aniversário da empresa' }] },
      }),
    );
    const holidays = calendar.holidaysOf(2027);
    expect(holidays).toContainEqual({
      date: '2027-03-08',
      name: 'Aniversário da empresa',
      type: 'public',
      local: true,
      closes: true,
    });
    expect(holidays).toContainEqual(
      expect.objectContaining({ date: '2027-04-21', name: 'Dia de Tiradentes', local: false, closes: true }),
    );
    const carnaval = holidays.filter((holiday) => holiday.name === 'Carnaval');
    expect(carnaval.length).toBeGreaterThan(0);
    expect(carnaval.every((holiday) => !holiday.closes)).toBe(true);
  });
});
