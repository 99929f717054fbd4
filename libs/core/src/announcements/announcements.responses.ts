import { z } from 'zod';
import { Instant } from '../tickets/ticket.responses.js';

const Member = z.object({ userId: z.uuid(), login: z.string(), displayName: z.string(), email: z.string().nullable() });

const Announcement = z.object({
  id: z.uuid(),
  group: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  body: z.string(),
  locale: z.string(),
  acknowledgeBy: Instant.nullable(),
  publishedBy: z.object({ userId: z.uuid(), displayName: z.string() }),
  publishedAt: Instant,
});

export const AnnouncementSummaryResponse = Announcement.extend({
  audienceCount: z.number().int(),
  acknowledgedCount: z.number().int(),
});

export const AnnouncementsResponse = z.object({ items: z.array(AnnouncementSummaryResponse), total: z.number().int() });

/** Who acknowledged (when, how) and who has not. */
export const AnnouncementStatusResponse = Announcement.extend({
  acknowledged: z.array(Member.extend({ acknowledgedAt: Instant, via: z.enum(['escala', 'teams-reaction']) })),
  pending: z.array(Member),
});
