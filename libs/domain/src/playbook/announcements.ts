import { roleAllows, type Role } from '../access/roles.js';
import { Refusal } from '../refusal/refusal.js';
import type { PlaybookEvent } from './playbook-event.js';

/** docs/playbook.md §5: posts to a group such as "Avisos Importantes Secundários", each member acknowledging. */
export interface Announcement {
  readonly group: string;
  readonly title: string;
  readonly body: string;
  /** Member ids expected to acknowledge. */
  readonly audience: readonly string[];
  readonly publishedBy: string;
  readonly publishedAt: Date;
  /** When the leader wants every like in; reminders say so. */
  readonly acknowledgeBy?: Date | null;
}

export interface Acknowledgement {
  readonly memberId: string;
  readonly at: Date;
  /** A like on the Teams post counts as much as a click in Escala. */
  readonly via: 'escala' | 'teams-reaction';
}

export const ACKNOWLEDGEMENT_CHANNELS = [
  'escala',
  'teams-reaction',
] as const satisfies readonly Acknowledgement['via'][];

export function publishAnnouncement(
  input: Announcement,
  roles: readonly Role[],
): { announcement: Announcement; event: PlaybookEvent } {
  if (!roleAllows(roles, ['leader'])) throw Refusal.forbidden('Only a leader publishes announcements');
  const audience = [...new Set(input.audience)];
  if (!input.title.trim() || !input.body.trim() || audience.length === 0)
    throw Refusal.invalid(
      !input.title.trim() ? 'title' : !input.body.trim() ? 'body' : 'audience',
      'An announcement needs a title, a body and an audience',
    );
  if (input.acknowledgeBy && input.acknowledgeBy <= input.publishedAt)
    throw Refusal.invalid('acknowledgeBy', 'The acknowledgement deadline must be after publication');
  const announcement: Announcement = { ...input, audience, acknowledgeBy: input.acknowledgeBy ?? null };
  return {
    announcement,
    event: {
      type: 'announcement.published',
      payload: {
        group: input.group,
        title: input.title,
        body: input.body,
        audience,
        publishedBy: input.publishedBy,
        acknowledgeBy: announcement.acknowledgeBy?.toISOString() ?? null,
      },
      occurredAt: input.publishedAt,
    },
  };
}

/** Idempotent: the first acknowledgement of a member stands (a Teams like may arrive twice). */
export function acknowledgeAnnouncement(
  announcement: Announcement,
  acknowledgements: readonly Acknowledgement[],
  acknowledgement: Acknowledgement,
): Acknowledgement[] {
  if (!announcement.audience.includes(acknowledgement.memberId))
    throw Refusal.forbidden('Only the audience acknowledges an announcement');
  if (acknowledgements.some((existing) => existing.memberId === acknowledgement.memberId)) return [...acknowledgements];
  return [...acknowledgements, acknowledgement];
}

/** What a leader sees: who has not acknowledged yet, in audience order. */
export function unacknowledgedMembers(
  announcement: Announcement,
  acknowledgements: readonly Acknowledgement[],
): string[] {
  const acknowledged = new Set(acknowledgements.map((acknowledgement) => acknowledgement.memberId));
  return announcement.audience.filter((memberId) => !acknowledged.has(memberId));
}

/** A leader nudges those who have not liked the post yet; with nobody left there is nothing to send. */
export function requestAnnouncementReminder(
  announcement: Announcement,
  acknowledgements: readonly Acknowledgement[],
  requestedBy: string,
  roles: readonly Role[],
  at: Date,
): { pending: string[]; event: PlaybookEvent } {
  if (!roleAllows(roles, ['leader'])) throw Refusal.forbidden('Only a leader sends announcement reminders');
  const pending = unacknowledgedMembers(announcement, acknowledgements);
  if (pending.length === 0) throw Refusal.conflict('Every member has acknowledged this announcement');
  return {
    pending,
    event: {
      type: 'announcement.reminder_requested',
      payload: {
        group: announcement.group,
        title: announcement.title,
        pending,
        requestedBy,
        acknowledgeBy: announcement.acknowledgeBy?.toISOString() ?? null,
      },
      occurredAt: at,
    },
  };
}
