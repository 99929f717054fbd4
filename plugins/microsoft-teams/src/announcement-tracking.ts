import type { ChannelPort, ConnectorEvent, CorePort, InboundChange } from '@escala/connector-kit';
import { z } from 'zod';
import type { Reaction } from './transport.js';

/** Announcements posted by this channel whose reactions are still read back. */
const TRACKED = 'announcements';
/** How long reactions are read after the post when the announcement sets no deadline. */
const DEFAULT_TRACKING_DAYS = 14;

const Tracked = z.array(
  z.object({
    announcementId: z.string(),
    title: z.string(),
    messageId: z.string(),
    postedAt: z.string(),
    until: z.string(),
    audience: z.array(z.object({ userId: z.string(), name: z.string() })),
    acknowledged: z.array(z.string()),
    remindedAt: z.string().nullable(),
  }),
);
export type TrackedAnnouncement = z.output<typeof Tracked>[number];

export async function trackedAnnouncements(port: ChannelPort): Promise<TrackedAnnouncement[]> {
  return Tracked.parse((await port.state.get(TRACKED)) ?? []);
}

export async function saveTracked(port: ChannelPort, tracked: TrackedAnnouncement[]): Promise<void> {
  await port.state.put(TRACKED, tracked.length ? tracked : null);
}

/** Starts reading reactions of the post of a published announcement. */
export async function track(
  port: ChannelPort,
  event: ConnectorEvent<'announcement.published'>,
  messageId: string,
  now: Date,
): Promise<void> {
  const { payload } = event;
  const until = payload.acknowledgeBy
    ? new Date(Math.max(Date.parse(payload.acknowledgeBy), now.getTime()) + 86_400_000)
    : new Date(now.getTime() + DEFAULT_TRACKING_DAYS * 86_400_000);
  const others = (await trackedAnnouncements(port)).filter((item) => item.announcementId !== payload.announcementId);
  await saveTracked(port, [
    ...others,
    {
      announcementId: payload.announcementId,
      title: payload.title,
      messageId,
      postedAt: now.toISOString(),
      until: until.toISOString(),
      audience: payload.audience.map((member) => ({ userId: member.userId, name: member.displayName })),
      acknowledged: [],
      remindedAt: null,
    },
  ]);
}

/**
 * Reactions become acknowledgements of the members linked to the reacting Entra identity. Any
 * reaction counts: older clients send names (`like`), newer ones emoji (`👍`), and people pick
 * what they pick. Reactions of people Escala does not know (no linked identity) are left alone.
 */
export async function acknowledgementsFrom(
  port: ChannelPort,
  announcement: TrackedAnnouncement,
  reactions: Reaction[],
): Promise<InboundChange[]> {
  const changes: InboundChange[] = [];
  for (const reaction of reactions) {
    const user = await port.findUserByExternalIdentity({ system: 'entra', id: reaction.entraId });
    if (!user || announcement.acknowledged.includes(user.id)) continue;
    if (!announcement.audience.some((member) => member.userId === user.id)) continue;
    announcement.acknowledged.push(user.id);
    changes.push({
      key: `ack:${announcement.announcementId}:${user.id}`,
      apply: async (core: CorePort) => {
        await core.acknowledgeAnnouncement({
          announcementId: announcement.announcementId,
          member: { userId: user.id },
          via: 'teams-reaction',
          at: reaction.at,
        });
      },
    });
  }
  return changes;
}

/** Members who have not reacted, once the reminder is due and was not sent yet. */
export function reminderDue(
  announcement: TrackedAnnouncement,
  afterHours: number,
  now: Date,
): TrackedAnnouncement['audience'] {
  if (announcement.remindedAt) return [];
  if (now.getTime() - Date.parse(announcement.postedAt) < afterHours * 3_600_000) return [];
  return announcement.audience.filter((member) => !announcement.acknowledged.includes(member.userId));
}
