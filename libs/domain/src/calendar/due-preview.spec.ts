import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './business-calendar.js';
import { previewDue } from './due-preview.js';

describe('previewDue', () => {
  const desk = BusinessCalendar.withDefaults();

  it('carries a 2 h target opened Friday 17:30 over the weekend to Monday 09:30', () => {
    expect(previewDue(desk, '2027-03-05T17:30', 2)).toEqual({
      openedAt: new Date('2027-03-05T17:30-03:00'),
      dueAt: new Date('2027-03-08T09:30-03:00'),
      dueLocal: '2027-03-08T09:30',
      dueWeekday: 1,
      holidaysSkipped: [],
    });
  });

  it('moves past a local holiday and names it', () => {
    const closed = BusinessCalendar.withDefaults({
      holidays: { extra: [{ rule: '2027-03-08', name: 'Aniversário da empresa' }] },
    });
    expect(previewDue(closed, '2027-03-05T17:30', 2)).toMatchObject({
      dueLocal: '2027-03-09T09:30',
      dueWeekday: 2,
      holidaysSkipped: [{ date: '2027-03-08', name: 'Aniversário da empresa' }],
    });
  });

  it('refuses a wall-clock time that does not exist', () => {
    expect(previewDue(desk, '2027-02-30T10:00', 1)).toBeNull();
    expect(previewDue(desk, 'sexta 17h', 1)).toBeNull();
  });
});
