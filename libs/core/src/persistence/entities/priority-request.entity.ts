import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An agent's request that a leader mark the ticket priority or ask development to prioritise its SS (docs/playbook.md §9.2, §9.3). */
export const PriorityRequestSchema = defineEntity({
  name: 'PriorityRequestRow',
  tableName: 'priority_requests',
  properties: {
    id: p.uuid().primary(),
    ticketId: p.uuid(),
    kind: p.enum(['ticket-priority', 'dev-request-prioritisation'] as const),
    requestedBy: p.uuid().nullable(),
    requestedAt: p.datetime(),
    justification: p.text(),
    devRequestRef: p.string().nullable(),
    status: p.enum(['pending', 'approved', 'declined'] as const),
    decidedBy: p.uuid().nullable(),
    decidedAt: p.datetime().nullable(),
    declineReason: p.text().nullable(),
  },
});

export type PriorityRequestRow = InferEntity<typeof PriorityRequestSchema>;
