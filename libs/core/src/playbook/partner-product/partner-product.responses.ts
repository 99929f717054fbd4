import { CONTACT_MEANS } from '@escala/domain';
import { z } from 'zod';
import { Instant } from '../../tickets/ticket.responses.js';

const PartnerCase = z.object({
  partnerName: z.string(),
  productName: z.string(),
  markedBy: z.string(),
  markedAt: Instant,
  notification: z.object({ at: Instant, by: z.string(), means: z.enum(CONTACT_MEANS), note: z.string() }).nullable(),
});

/** The case, the public reply the customer received and the internal note left for the leader. */
export const PartnerProductResponse = z.object({
  partnerCase: PartnerCase,
  customerMessage: z.string(),
  leaderNote: z.string(),
});
