import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The playbook's records about one ticket, each a JSON document in the domain's shape with instants
 * as ISO strings (see `libs/core/src/playbook/ticket-playbook.repository.ts` for the conversions).
 */
export const TicketPlaybookSchema = defineEntity({
  name: 'TicketPlaybook',
  tableName: 'ticket_playbook',
  properties: {
    ticketId: p.uuid().primary(),
    cancellationContact: p.json<Record<string, unknown>>().nullable(),
    cancellationReason: p.json<Record<string, unknown>>().nullable(),
    urgent: p.json<Record<string, unknown>>().nullable(),
    mediation: p.json<Record<string, unknown>>().nullable(),
    mediationReport: p.json<Record<string, unknown>>().nullable(),
    partnerCase: p.json<Record<string, unknown>>().nullable(),
    updatedAt: p.datetime(),
  },
});

export type TicketPlaybook = InferEntity<typeof TicketPlaybookSchema>;
