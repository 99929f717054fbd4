import { z } from 'zod';

const DueAt = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const ScheduleFollowUpBody = z.strictObject({
  dueAt: DueAt,
  note: z.string().trim().min(1).max(2000).optional(),
});

export const RecordCommitmentBody = z.strictObject({
  description: z.string().trim().min(1).max(2000),
  dueAt: DueAt,
});

export type ScheduleFollowUpInput = z.infer<typeof ScheduleFollowUpBody>;
export type RecordCommitmentInput = z.infer<typeof RecordCommitmentBody>;
