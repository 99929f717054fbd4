import { roleAllows, ROLES, type Role } from './roles.js';

/** Who watches the live feed: their roles and where they sit in the support structure. */
export interface LiveViewer {
  userId: string;
  roles: readonly Role[];
  /** The unit (tier/stage or desk) they are placed in, if any. */
  unitKey: string | null;
}

/** Whom one committed change concerns: the units it touched and the people on it. */
export interface ChangeReach {
  aggregateType: string;
  /** For a ticket: where it is now and where it was (an escalation's origin, a clock's unit). */
  units: readonly string[];
  /** For a ticket: its assignee, its single point of contact, the assignee it had before. */
  people: readonly string[];
}

/** Leaders and admins oversee every tier (the dashboard, the reports): they are told of everything. */
const OVERSEERS: readonly Role[] = ['leader', 'admin'];

/**
 * Who is told of changes to things other than tickets: the roles that may read that kind of thing
 * through the API. A kind not listed is told to the overseers only, so a new aggregate never leaks
 * to everyone by default.
 */
const READERS: Readonly<Record<string, readonly Role[]>> = {
  announcement: ROLES,
  customer: ROLES,
  inoperative_service: ROLES,
  suggestion: ROLES,
  support_structure: ROLES,
  business_calendar: ['admin', 'leader', 'agent'],
  /** Mail from unknown senders held for the relationship desk (`GET /triage-items`). */
  triage_item: ['admin', 'leader', 'relationship'],
};

/**
 * Whether the live feed tells this viewer that the change happened (its type and id, never its
 * content). An agent or the relationship desk hears of the tickets of their own unit — including
 * one that just left it — and of the tickets they hold or follow as single point of contact, so an
 * N1 agent is not told what N3 works on.
 */
export function mayFollowChange(viewer: LiveViewer, change: ChangeReach): boolean {
  if (roleAllows(viewer.roles, OVERSEERS)) return true;
  if (change.aggregateType !== 'ticket') return roleAllows(viewer.roles, READERS[change.aggregateType] ?? OVERSEERS);
  if (viewer.unitKey !== null && change.units.includes(viewer.unitKey)) return true;
  return change.people.includes(viewer.userId);
}
