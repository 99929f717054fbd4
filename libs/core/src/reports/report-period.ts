import type { ReportPeriod } from './report.schemas.js';

/**
 * SQL bounds of a period in the desk's time zone: `?` placeholders for [from, tz, to, tz] giving
 * the first instant of `from` and the first instant after `to`.
 */
export const PERIOD_START = `((?)::date)::timestamp at time zone ?`;
export const PERIOD_END = `((?)::date + 1)::timestamp at time zone ?`;

export const periodParams = (period: ReportPeriod, timeZone: string) => [period.from, timeZone, period.to, timeZone];
