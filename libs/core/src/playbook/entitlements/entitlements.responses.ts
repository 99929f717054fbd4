import { z } from 'zod';

const Decision = z.object({
  benefit: z.string(),
  allowed: z.boolean(),
  explanation: z.string(),
  ruleId: z.string().nullable(),
});

export const TicketEntitlementsResponse = z.object({
  customerId: z.uuid(),
  products: z.array(
    z.object({ product: z.string(), contractedOn: z.iso.date(), endsOn: z.iso.date().nullable().optional() }),
  ),
  entitlements: z.array(Decision),
  category: z.object({ category: z.string(), decision: Decision.nullable() }),
});
