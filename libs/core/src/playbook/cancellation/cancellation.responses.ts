import { CANCELLATION_REQUIREMENTS, CONTACT_MEANS } from '@escala/domain';
import { z } from 'zod';
import { Instant, TicketResponse } from '../../tickets/ticket.responses.js';

const Checklist = z.object({
  contact: z
    .object({ at: Instant, means: z.enum(CONTACT_MEANS), withWhom: z.string() })
    .nullable()
    .optional(),
  reason: z
    .object({ code: z.string(), competitorSystem: z.string().nullable().optional(), details: z.string() })
    .nullable()
    .optional(),
  /** What still blocks closing, each with the playbook's sentence. */
  missing: z.array(z.object({ code: z.enum(CANCELLATION_REQUIREMENTS), message: z.string() })),
});

export const CancellationStateResponse = Checklist.extend({ category: z.string() });

export const CancellationChangeResponse = Checklist.extend({
  technicalAnalysis: TicketResponse.shape.technicalAnalysis,
});
