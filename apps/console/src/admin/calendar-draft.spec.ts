import { describe, expect, it } from 'vitest';
import { defaultCalendarConfig } from '@escala/domain';
import {
  addPeriod,
  describeLocal,
  nextFridayEvening,
  removePeriod,
  setClosesOn,
  setClosingType,
  setPeriod,
  weekdayOf,
  type Calendar,
} from './calendar-draft';

const desk = defaultCalendarConfig() as Calendar;

describe('calendar draft edits', () => {
  it('splits a day into a morning and an afternoon, leaving the other days alone', () => {
    const lunch = addPeriod(setPeriod(desk, 5, 0, { end: '12:00' }), 5);
    expect(lunch.workingHours[5]).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '12:00', end: '18:00' },
    ]);
    expect(lunch.workingHours[4]).toBe(desk.workingHours[4]);
    expect(removePeriod(lunch, 5, 0).workingHours[5]).toEqual([{ start: '12:00', end: '18:00' }]);
    expect(addPeriod(desk, 6).workingHours[6]).toEqual([{ start: '08:00', end: '18:00' }]);
  });

  it('works on a holiday by listing it, and closes on it again by removing it', () => {
    const worked = setClosesOn(desk, 'Carnaval', false);
    expect(worked.holidays.workedHolidays).toEqual(['Carnaval']);
    expect(setClosesOn(worked, 'Carnaval', true).holidays.workedHolidays).toEqual([]);
  });

  it('keeps the closing holiday types in their usual order', () => {
    expect(setClosingType(desk, 'optional', true).holidays.types).toEqual(['public', 'bank', 'optional']);
    expect(setClosingType(desk, 'bank', false).holidays.types).toEqual(['public']);
  });
});

describe('sample dates', () => {
  it('picks the coming Friday evening', () => {
    expect(nextFridayEvening(new Date(2026, 11, 3))).toBe('2026-12-04T17:30');
    expect(nextFridayEvening(new Date(2026, 11, 4, 20))).toBe('2026-12-04T17:30');
    expect(nextFridayEvening(new Date(2026, 11, 5))).toBe('2026-12-11T17:30');
  });

  it('names the weekday of a local date and writes it as people read it', () => {
    expect([weekdayOf('2027-03-05T17:30'), weekdayOf('2027-03-08'), weekdayOf('2027-03-07')]).toEqual([5, 1, 7]);
    expect(describeLocal('2027-03-08T09:30', 'segunda-feira', 'pt-BR')).toBe('segunda-feira, 08/03/2027 09:30');
    expect(describeLocal('2027-03-08T09:30', 'Monday', 'en')).toBe('Monday, 2027-03-08 09:30');
  });
});
