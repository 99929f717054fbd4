import type { Role } from '../access/roles.js';
import { findUnit, type SupportStructure } from '../structure/support-structure.js';

/** Who is acting on a ticket: their roles and, for staff placed in the structure, their unit. */
export interface TicketActor {
  userId: string;
  roles: readonly Role[];
  unitKey: string | null;
}

/** What the ticket looks like to the rule: the unit holding it and the people on it. */
export interface TicketHolding {
  unitKey: string;
  assigneeId?: string | null;
  spocId?: string | null;
}

export type TicketAction = 'reply_public' | 'escalate';

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = { allowed: true };

const supervises = (actor: TicketActor) => actor.roles.includes('leader') || actor.roles.includes('admin');

/**
 * Who may do what on a ticket. Checked by the service on every call, so a tier that never talks to
 * customers cannot reply to them through any client (docs/playbook.md §10.2: N3 "não oferece atendimento direto").
 */
export function decideTicketAction(
  structure: SupportStructure,
  actor: TicketActor,
  action: TicketAction,
  ticket: TicketHolding,
): Decision {
  switch (action) {
    case 'reply_public':
      return mayReplyPublicly(structure, actor);
    case 'escalate':
      if (supervises(actor) || isInvolved(actor, ticket)) return ALLOW;
      return {
        allowed: false,
        reason: `Only ${ticket.unitKey}, the ticket's assignee or SPOC, or a leader may escalate this ticket`,
      };
  }
}

function mayReplyPublicly(structure: SupportStructure, actor: TicketActor): Decision {
  if (actor.unitKey === null) {
    if (supervises(actor) || actor.roles.includes('relationship')) return ALLOW;
    return { allowed: false, reason: 'Only staff placed in a tier that talks to customers may post public replies' };
  }
  const unit = findUnit(structure, actor.unitKey);
  if (!unit)
    return { allowed: false, reason: `Your unit ${actor.unitKey} is not part of the active support structure` };
  if (!unit.talksToCustomers) {
    return {
      allowed: false,
      reason: `${unit.key} (${unit.name}) does not talk to customers: post an internal note for the tier in contact instead`,
    };
  }
  return ALLOW;
}

function isInvolved(actor: TicketActor, ticket: TicketHolding): boolean {
  return actor.unitKey === ticket.unitKey || actor.userId === ticket.assigneeId || actor.userId === ticket.spocId;
}
