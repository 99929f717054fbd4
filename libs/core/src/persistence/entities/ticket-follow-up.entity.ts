import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const TICKET_FOLLOW_UP_KINDS = ['follow-up', 'commitment'] as const;
export type TicketFollowUpKind = (typeof TICKET_FOLLOW_UP_KINDS)[number];

/**
 * Something owed on a ticket at a time: a follow-up the agent scheduled ("ligar de volta às 14h")
 * or a commitment made to someone ("retorno até 15:00"). Open until marked done; while open and
 * due it is a pending item of whoever holds the ticket (docs/playbook.md §4.2).
 */
export const TicketFollowUpSchema = defineEntity({
  name: 'TicketFollowUp',
  tableName: 'ticket_follow_ups',
  properties: {
    id: p.uuid().primary(),
    ticketId: p.uuid(),
    kind: p.enum(TICKET_FOLLOW_UP_KINDS),
    description: p.text().nullable(),
    dueAt: p.datetime(),
    createdBy: p.uuid(),
    createdAt: p.datetime(),
    doneBy: p.uuid().nullable(),
    doneAt: p.datetime().nullable(),
  },
});

export type TicketFollowUp = InferEntity<typeof TicketFollowUpSchema>;
