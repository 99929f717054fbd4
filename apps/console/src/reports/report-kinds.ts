import type { paths } from '../../generated/api';

export type ReportKind = paths['/reports/{report}']['get']['parameters']['path']['report'];

/** In the order a leader reads them; the build fails if the server stops offering one. */
export const REPORT_KINDS = [
  'sla-compliance',
  'response-times',
  'cancellation-reasons',
  'third-party-waits',
  'backlog',
] as const satisfies readonly ReportKind[];

export type ReportCell = string | number | null;

/** What `GET /reports/{report}` answers: every report is a table. */
export interface ReportTable {
  report: ReportKind;
  from: string;
  to: string;
  columns: string[];
  rows: Record<string, ReportCell>[];
}

/** The last 30 days up to today, as the server defaults to, in the browser's calendar. */
export function lastThirtyDays(today = new Date()): { from: string; to: string } {
  const day = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const from = new Date(today);
  from.setDate(from.getDate() - 29);
  return { from: day(from), to: day(today) };
}
