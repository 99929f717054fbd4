export * from './calendar-config.js';
export * from './time-meter.js';
export { BusinessCalendar } from './business-calendar.js';
export type { HolidayClosure } from './holiday-closures.js';
