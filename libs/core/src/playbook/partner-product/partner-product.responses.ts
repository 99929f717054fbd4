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

/** Partner-product demands whose partner's support the leader has not notified yet, oldest first. */
export const PendingPartnerCasesResponse = z.object({
  items: z.array(
    z.object({ ticketId: z.uuid(), number: z.number().int(), subject: z.string(), partnerCase: PartnerCase }),
  ),
});

/** The case once the leader recorded that the partner's support was notified. */
export const PartnerNotifiedResponse = z.object({ partnerCase: PartnerCase });
