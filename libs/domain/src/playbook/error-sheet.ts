import { roleAllows, type Role } from '../access/roles.js';

/** docs/playbook.md §11: a supervisor/leader or an N2 agent authorises including a case in the Controle de Correção de Erros. */
export const ERROR_SHEET_AUTHORISING_TIERS: readonly string[] = ['N2'];

export type ErrorSheetDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Who may authorise an inclusion may also decline it: the same judgement, either way. */
export function mayAuthoriseErrorSheet(
  actor: { roles: readonly Role[]; tier: string | null },
  decision: 'authorise' | 'decline' = 'authorise',
): ErrorSheetDecision {
  if (roleAllows(actor.roles, ['leader'])) return { allowed: true };
  if (actor.tier && ERROR_SHEET_AUTHORISING_TIERS.includes(actor.tier)) return { allowed: true };
  return {
    allowed: false,
    reason: `Only a leader (supervisor) or an agent of ${ERROR_SHEET_AUTHORISING_TIERS.join('/')} may ${decision} including a case in the error-correction sheet${actor.tier ? `; you are in ${actor.tier}` : ''}`,
  };
}
