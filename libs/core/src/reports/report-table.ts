import { stringify } from 'csv-stringify/sync';

export type ReportCell = string | number | null;

/** Every report is a table: the console draws it and its chart, and CSV is the same rows. */
export interface ReportTable {
  report: string;
  from: string;
  to: string;
  columns: readonly string[];
  rows: Record<string, ReportCell>[];
}

export function reportCsv(table: ReportTable): string {
  return stringify(table.rows, { header: true, columns: [...table.columns] });
}

/** Hours with one decimal, the unit people read SLA figures in. */
export const hours = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 360_000) / 10);

export function average(values: readonly number[]): number | null {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
}

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
