import { roleAllows, type Role } from '../access/roles.js';
import { Refusal } from '../refusal/refusal.js';

/** docs/playbook.md §9.1 ("senso de prioridade"): a customer deadline that depends on our solution, visible to everyone on the ticket. */
export interface CustomerDeadline {
  readonly description: string;
  /** ISO date (YYYY-MM-DD): customers' deadlines are days (a tax filing, a payroll closing). */
  readonly dueOn: string;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

export function recordCustomerDeadline(
  deadlines: readonly CustomerDeadline[],
  deadline: CustomerDeadline,
): CustomerDeadline[] {
  if (!deadline.description.trim()) throw Refusal.invalid('description', 'Describe what the customer must deliver');
  return [...deadlines, { ...deadline, description: deadline.description.trim() }].sort((a, b) =>
    a.dueOn.localeCompare(b.dueOn),
  );
}

export type PriorityRequestKind = 'ticket-priority' | 'dev-request-prioritisation';
export type PriorityRequestStatus = 'pending' | 'approved' | 'declined';

/** Asking the leader to mark the ticket as priority, or to ask development to prioritise the SS. */
export interface PriorityRequest {
  readonly kind: PriorityRequestKind;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly justification: string;
  readonly devRequestRef: string | null;
  readonly status: PriorityRequestStatus;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly declineReason: string | null;
}

/** The tiers whose involvement makes a dev-request prioritisation worth asking for (docs/playbook.md §9.3: "N2/N3"). */
export const DEV_PRIORITISATION_TIERS: readonly string[] = ['N2', 'N3'];

export function requestPriority(input: {
  kind: PriorityRequestKind;
  requestedBy: string;
  at: Date;
  justification: string;
  devRequestRef?: string | null;
  /** Tier codes that have worked on the ticket. */
  involvedTiers: readonly string[];
}): PriorityRequest {
  if (!input.justification.trim()) throw Refusal.invalid('justification', 'Say why the ticket deserves priority');
  const devRequestRef = input.devRequestRef?.trim() || null;
  if (input.kind === 'dev-request-prioritisation') {
    if (!devRequestRef) throw Refusal.invalid('devRequestRef', 'Name the dev request (SS) to prioritise');
    if (!input.involvedTiers.some((tier) => DEV_PRIORITISATION_TIERS.includes(tier))) {
      throw Refusal.conflict('Dev-request prioritisation is asked only when N2 or N3 are involved');
    }
  }
  return {
    kind: input.kind,
    requestedBy: input.requestedBy,
    requestedAt: input.at,
    justification: input.justification.trim(),
    devRequestRef: input.kind === 'dev-request-prioritisation' ? devRequestRef : null,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    declineReason: null,
  };
}

/** A leader approves or declines, once; a decline says why (the core audits both). */
export function decidePriorityRequest(
  request: PriorityRequest,
  decision: { approve: boolean; by: string; roles: readonly Role[]; at: Date; declineReason?: string },
): PriorityRequest {
  if (!roleAllows(decision.roles, ['leader'])) throw Refusal.forbidden('Only a leader decides priority requests');
  if (request.status !== 'pending') throw Refusal.conflict(`The request was already ${request.status}`);
  const declineReason = decision.declineReason?.trim() || null;
  if (!decision.approve && !declineReason) throw Refusal.invalid('declineReason', 'Say why the request is declined');
  return {
    ...request,
    status: decision.approve ? 'approved' : 'declined',
    decidedBy: decision.by,
    decidedAt: decision.at,
    declineReason: decision.approve ? null : declineReason,
  };
}

/** The shape of an item of the customer's implementation agenda that this rule reads. */
export interface ImplementationItem {
  /** ISO date (YYYY-MM-DD). */
  readonly scheduledFor: string;
  readonly module: string;
  readonly status?: string;
}

/**
 * "Visualizar implantação": the customer's scheduled implementation items the problem may affect —
 * those from `today` up to the latest customer deadline, and later ones touching the affected module.
 */
export function implementationItemsAtRisk<T extends ImplementationItem>(
  items: readonly T[],
  context: { today: string; deadlines: readonly CustomerDeadline[]; affectedModule?: string | null },
): T[] {
  const windowEnd = context.deadlines.reduce(
    (latest, deadline) => (deadline.dueOn > latest ? deadline.dueOn : latest),
    '',
  );
  const module = context.affectedModule?.trim().toLowerCase();
  return items
    .filter((item) => (item.status ?? 'scheduled') === 'scheduled' && item.scheduledFor >= context.today)
    .filter((item) => item.scheduledFor <= windowEnd || (!!module && item.module.trim().toLowerCase() === module))
    .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
}
