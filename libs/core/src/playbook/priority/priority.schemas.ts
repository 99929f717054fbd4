import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const PriorityRequestBody = z.strictObject({
  kind: z.enum(['ticket-priority', 'dev-request-prioritisation']),
  justification: text(5000),
  devRequestRef: text(100).nullable().default(null),
});

export const PriorityDecisionBody = z.strictObject({ approve: z.boolean(), declineReason: text(2000).optional() });
