import { CANCELLATION_REASONS, CONTACT_MEANS, findCancellationReason } from '@escala/domain';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const CancellationContactBody = z.strictObject({
  at: instant,
  means: z.enum(CONTACT_MEANS),
  withWhom: text(200),
});

export const CancellationReasonBody = z
  .strictObject({
    code: z.enum(CANCELLATION_REASONS.map((reason) => reason.code) as [string, ...string[]]),
    competitorSystem: text(100).nullable().default(null),
    details: text(5000),
  })
  // Refused up front: a move to another system without the system would be stored, then block the close.
  .refine((reason) => !findCancellationReason(reason.code)?.namesCompetitorSystem || reason.competitorSystem !== null, {
    path: ['competitorSystem'],
    message: 'required when the reason is moving to another system: name the system (e.g. SIEG, Fiscosoft)',
  });

const day = z.iso.date().or(z.iso.datetime({ offset: true }));
/** The documented shape; `CancellationReportQuery` parses it into instants. */
export const CancellationReportRange = z.strictObject({ from: day, to: day });

export const CancellationReportQuery = CancellationReportRange.transform(({ from, to }) => ({
  from: new Date(from),
  to: new Date(to),
})).refine(({ from, to }) => from < to, { message: '"from" must be before "to"', path: ['to'] });

export type CancellationContactInput = z.infer<typeof CancellationContactBody>;
export type CancellationReasonInput = z.infer<typeof CancellationReasonBody>;
