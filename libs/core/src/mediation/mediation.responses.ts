import { CONTACT_MEANS } from '@escala/domain';
import { z } from 'zod';
import { Instant } from '../tickets/ticket.responses.js';

const Mediation = z.object({
  thirdPartyName: z.string(),
  verificationNeeded: z.string(),
  status: z.enum(['awaiting-first-contact', 'waiting-third-party', 'refused', 'reported', 'concluded']),
  attempts: z.array(
    z.object({ at: Instant, kind: z.enum(['initial', 'resend']), means: z.enum(CONTACT_MEANS), to: z.string() }),
  ),
  replies: z.array(z.object({ at: Instant, withInformation: z.boolean(), summary: z.string() })),
  refusal: z.object({ at: Instant, note: z.string() }).nullable(),
  reportedAt: Instant.nullable(),
  concludedAt: Instant.nullable(),
  agentName: z.string(),
  companyName: z.string(),
});

/** The next milestones: the resend at 48 h and the report at 72 h without an answer. */
const Deadlines = z.array(z.object({ eventType: z.string(), dueAt: Instant }));

export const MediationViewResponse = z.object({
  mediation: Mediation.nullable(),
  report: z.record(z.string(), z.unknown()).nullable(),
  deadlines: Deadlines.optional(),
});

export const MediationChangeResponse = z.object({ mediation: Mediation, deadlines: Deadlines });
