import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ERROR_SHEET_STATUSES = ['requested', 'authorised', 'declined'] as const;

/** A request to include a ticket's case in the Controle de Correção de Erros (seed 000). */
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
    declinedBy: p.uuid().nullable(),
    declinedAt: p.datetime().nullable(),
    declineReason: p.text().nullable(),
  },
});

export type ErrorSheetRequest = InferEntity<typeof ErrorSheetRequestSchema>;
