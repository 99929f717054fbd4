import { z } from 'zod';

/** A report as JSON: the console draws its table and chart from it; `format=csv` sends the same rows as CSV. */
export const ReportTableResponse = z.object({
  report: z.string(),
  from: z.string(),
  to: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});
