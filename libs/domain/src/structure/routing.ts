import { findCategory, findUnit, type SupportStructure } from './support-structure.js';

export type RoutingOutcome = { ok: true; unitKey: string } | { ok: false; reason: string };

/**
 * The unit a new ticket goes to: the one that handles its category, else the entry unit
 * (docs/playbook.md §10.1: stage 1 sends financial, commercial and billing cases to stage 2; §10.2: N4).
 */
export function routeByCategory(structure: SupportStructure, category: string): RoutingOutcome {
  if (!findCategory(structure, category)) {
    return {
      ok: false,
      reason: `unknown category "${category}"; known: ${structure.categories.map((c) => c.key).join(', ')}`,
    };
  }
  const handler = structure.units.find((unit) => unit.categories.includes(category));
  return { ok: true, unitKey: handler?.key ?? structure.entryUnit };
}

export type EscalationOutcome = { ok: true } | { ok: false; reason: string; allowed: string[] };

/** Whether a ticket held by `from` may go to `to` along the configured escalation paths. */
export function checkEscalation(structure: SupportStructure, from: string, to: string): EscalationOutcome {
  const allowed = findUnit(structure, from)?.escalatesTo ?? [];
  if (allowed.includes(to)) return { ok: true };
  const listed = allowed.length > 0 ? allowed.join(', ') : 'none';
  return { ok: false, reason: `${from} cannot escalate to ${to}; allowed from ${from}: ${listed}`, allowed };
}
