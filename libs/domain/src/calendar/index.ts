export * from './calendar-config.js';
export * from './time-meter.js';
export { BusinessCalendar } from './business-calendar.js';
export * from './calendar-issues.js';
export * from './due-preview.js';
export type { CataloguedHoliday, HolidayClosure } from './holiday-closures.js';
