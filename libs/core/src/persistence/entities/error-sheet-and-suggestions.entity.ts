import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ERROR_SHEET_STATUSES = ['requested', 'authorised'] as const;
export const SUGGESTION_STATUSES = ['proposed', 'under-review', 'accepted', 'rejected', 'done'] as const;

/** A request to include a ticket's case in the Controle de Correção de Erros (docs/playbook.md §11). */
export const ErrorSheetRequestSchema = defineEntity({
  name: 'ErrorSheetRequest',
  tableName: 'error_sheet_requests',
  properties: {
    id: p.uuid().primary(),
    ticketId: p.uuid(),
    description: p.text(),
    status: p.enum(ERROR_SHEET_STATUSES),
    requestedBy: p.uuid().nullable(),
    requestedAt: p.datetime(),
    authorisedBy: p.uuid().nullable(),
    authorisedAt: p.datetime().nullable(),
  },
});

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

export type ErrorSheetRequest = InferEntity<typeof ErrorSheetRequestSchema>;
export type ImprovementSuggestion = InferEntity<typeof ImprovementSuggestionSchema>;
