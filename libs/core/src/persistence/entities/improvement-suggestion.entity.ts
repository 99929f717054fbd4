import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SUGGESTION_STATUSES = ['proposed', 'under-review', 'accepted', 'rejected', 'done'] as const;

/** An improvement suggestion anyone on the team registers (docs/playbook.md §12), followed by an owner. */
export const ImprovementSuggestionSchema = defineEntity({
  name: 'ImprovementSuggestion',
  tableName: 'improvement_suggestions',
  properties: {
    id: p.uuid().primary(),
    title: p.string(),
    description: p.text(),
    originTicketId: p.uuid().nullable(),
    originCustomerId: p.uuid().nullable(),
    status: p.enum(SUGGESTION_STATUSES),
    ownerId: p.uuid().nullable(),
    registeredBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type ImprovementSuggestion = InferEntity<typeof ImprovementSuggestionSchema>;
