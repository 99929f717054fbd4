import { describe, expect, it } from 'vitest';
import {
  acknowledgeAnnouncement,
  publishAnnouncement,
  requestAnnouncementReminder,
  unacknowledgedMembers,
} from './announcements.js';

const publishedAt = new Date('2026-11-23T12:00:00Z');
const input = {
  group: 'Avisos Importantes Secundários',
  title: 'Nova versão',
  body: 'Atualização às 20h',
  audience: ['ana', 'bruno', 'caio', 'ana'],
  publishedBy: 'carla',
  publishedAt,
};

describe('announcements', () => {
  it('lets a leader publish to an audience and emits announcement.published', () => {
    const { announcement, event } = publishAnnouncement(input, ['leader']);
    expect(announcement.audience).toEqual(['ana', 'bruno', 'caio']);
    expect(event).toMatchObject({
      type: 'announcement.published',
      occurredAt: publishedAt,
      payload: { group: 'Avisos Importantes Secundários', audience: ['ana', 'bruno', 'caio'] },
    });
    expect(() => publishAnnouncement(input, ['agent'])).toThrow(/Only a leader/);
    expect(() => publishAnnouncement({ ...input, audience: [] }, ['leader'])).toThrow(/audience/);
  });

  it('shows the leader who has not acknowledged, counting each member once', () => {
    const { announcement } = publishAnnouncement(input, ['leader']);
    let acks = acknowledgeAnnouncement(announcement, [], { memberId: 'bruno', at: publishedAt, via: 'teams-reaction' });
    acks = acknowledgeAnnouncement(announcement, acks, {
      memberId: 'bruno',
      at: new Date('2026-11-23T13:00:00Z'),
      via: 'escala',
    });
    expect(acks).toEqual([{ memberId: 'bruno', at: publishedAt, via: 'teams-reaction' }]);
    expect(unacknowledgedMembers(announcement, acks)).toEqual(['ana', 'caio']);
    expect(() =>
      acknowledgeAnnouncement(announcement, acks, { memberId: 'zeca', at: publishedAt, via: 'escala' }),
    ).toThrow(/audience/);
  });

  it('refuses an acknowledgement deadline that is not after publication', () => {
    expect(() => publishAnnouncement({ ...input, acknowledgeBy: publishedAt }, ['leader'])).toThrow(/deadline/);
    const { event } = publishAnnouncement({ ...input, acknowledgeBy: new Date('2026-11-24T12:00:00Z') }, ['leader']);
    expect(event.payload.acknowledgeBy).toBe('2026-11-24T12:00:00.000Z');
  });

  it('reminds only those who have not acknowledged, and refuses when nobody is left', () => {
    const { announcement } = publishAnnouncement(input, ['leader']);
    const acks = acknowledgeAnnouncement(announcement, [], { memberId: 'caio', at: publishedAt, via: 'escala' });
    const at = new Date('2026-11-23T15:00:00Z');
    const { pending, event } = requestAnnouncementReminder(announcement, acks, 'carla', ['leader'], at);
    expect(pending).toEqual(['ana', 'bruno']);
    expect(event).toMatchObject({
      type: 'announcement.reminder_requested',
      occurredAt: at,
      payload: { pending: ['ana', 'bruno'], requestedBy: 'carla' },
    });
    expect(() => requestAnnouncementReminder(announcement, acks, 'zeca', ['agent'], at)).toThrow(/Only a leader/);
    const everyone = ['ana', 'bruno'].reduce(
      (all, memberId) => acknowledgeAnnouncement(announcement, all, { memberId, at, via: 'teams-reaction' }),
      acks,
    );
    expect(() => requestAnnouncementReminder(announcement, everyone, 'carla', ['leader'], at)).toThrow(/Every member/);
  });
});
