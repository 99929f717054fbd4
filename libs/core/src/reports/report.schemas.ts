import { z } from 'zod';

const DAY = 24 * 60 * 60 * 1000;
/** A year of days is as far as a report looks back in one request (the backlog trend has a row a day). */
export const MAX_REPORT_DAYS = 366;

const isoDay = z.iso.date();

/** A report's period: whole days `from`..`to` inclusive in the desk's time zone; the last 30 days by default. */
export const ReportQueryFields = z.strictObject({
  from: isoDay.optional(),
  to: isoDay.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const ReportQuery = ReportQueryFields.transform(({ from, to, format }, ctx) => {
  const last = to ?? new Date().toISOString().slice(0, 10);
  const first = from ?? new Date(Date.parse(last) - 29 * DAY).toISOString().slice(0, 10);
  const days = (Date.parse(last) - Date.parse(first)) / DAY + 1;
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['from'], message: '`from` must not be after `to`' });
  if (days > MAX_REPORT_DAYS)
    ctx.addIssue({ code: 'custom', path: ['from'], message: `A report covers at most ${MAX_REPORT_DAYS} days` });
  return { from: first, to: last, format };
});

export type ReportPeriod = z.output<typeof ReportQuery>;

export const REPORT_KINDS = [
  'sla-compliance',
  'response-times',
  'cancellation-reasons',
  'third-party-waits',
  'backlog',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const ReportKindParam = z.enum(REPORT_KINDS);
