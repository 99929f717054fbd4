import { z } from 'zod';

export const InoperativeServicesResponse = z.object({
  items: z.array(
    z.object({ code: z.string(), label: z.object({ 'pt-BR': z.string(), en: z.string() }), active: z.boolean() }),
  ),
});

export const UrgentResponse = z.object({
  ticketId: z.uuid(),
  number: z.number().int(),
  tags: z.array(z.string()),
  skipEligible: z.boolean(),
  urgent: z.object({
    serviceCode: z.string(),
    serviceLabel: z.string(),
    urgency: z.string(),
    declaredBy: z.string(),
    declaredAt: z.string(),
  }),
  leaderAlert: z.string(),
});
