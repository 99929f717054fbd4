/** The two clocks each unit of the support structure runs on a ticket it owns. */
export type ClockKind = 'first-response' | 'analysis';

/** Business hours of the desk's calendar, or plain calendar hours. The playbook's targets (docs/playbook.md §10) default to business. */
export type TimeBasis = 'business' | 'calendar';

export interface SlaTarget {
  hours: number;
  basis: TimeBasis;
  /**
   * What meets the clock. Default: a public reply for first response, any agent action for
   * analysis. A tier that never talks to the customer (N3 in docs/playbook.md §10.2) sets `agent-action` on its
   * first response, so its answer to the tier that escalated counts.
   */
  metBy?: 'public-reply' | 'agent-action';
}

/** Why a ticket waits on someone else; whether it pauses the clocks is policy. */
export type PauseReason = 'waiting-customer' | 'waiting-third-party';

export interface SlaPolicy {
  /** Targets by unit key (the structure's key, e.g. "n1-stage-1"); a unit without a target runs no such clock. */
  targets: Record<string, Partial<Record<ClockKind, SlaTarget>>>;
  /** Fractions of a target at which `sla.warning` fires. */
  warningFractions: number[];
  /** Waiting states that pause the running clocks. */
  pauseOn: PauseReason[];
}

export const DEFAULT_WARNING_FRACTION = 0.75;

export function slaPolicy(
  targets: SlaPolicy['targets'],
  overrides: Partial<Omit<SlaPolicy, 'targets'>> = {},
): SlaPolicy {
  const policy: SlaPolicy = {
    targets,
    warningFractions: [DEFAULT_WARNING_FRACTION],
    pauseOn: ['waiting-customer', 'waiting-third-party'],
    ...overrides,
  };
  for (const fraction of policy.warningFractions) {
    if (!(fraction > 0 && fraction < 1)) throw new Error(`warning fraction ${fraction} must be between 0 and 1`);
  }
  for (const [unitKey, clocks] of Object.entries(targets)) {
    for (const [kind, target] of Object.entries(clocks)) {
      if (!(target && target.hours > 0))
        throw new Error(`the ${kind} target of ${unitKey} must be a positive number of hours`);
    }
  }
  return policy;
}
