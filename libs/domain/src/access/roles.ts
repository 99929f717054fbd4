/** The roles a person can hold in Escala (MISSION.md, "Who uses it"). */
export const ROLES = ['agent', 'leader', 'relationship', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether someone holding `held` may act where any of `allowed` is required. */
export function roleAllows(held: readonly Role[], allowed: readonly Role[]): boolean {
  return held.some((role) => allowed.includes(role));
}
