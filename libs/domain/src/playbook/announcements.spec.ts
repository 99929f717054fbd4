import { describe, expect, it } from 'vitest';
import { acknowledgeAnnouncement, publishAnnouncement, unacknowledgedMembers } from './announcements.js';

const publishedAt = new Date('2026-11-23T12:00:00Z');
const input = { group: 'Avisos Importantes Secundários', title: 'Nova versão', body: 'Atualização às 20h', audience: ['ana', 'bruno', 'caio', 'ana'], publishedBy: 'carla', publishedAt };

describe('announcements', () => {
  it('lets a leader publish to an audience and emits announcement.published', () => {
    const { announcement, event } = publishAnnouncement(input, ['leader']);
    expect(announcement.audience).toEqual(['ana', 'bruno', 'caio']);
    expect(event).toMatchObject({ type: 'announcement.published', occurredAt: publishedAt, payload: { group: 'Avisos Importantes Secundários', audience: ['ana', 'bruno', 'caio'] } });
    expect(() => publishAnnouncement(input, ['agent'])).toThrow(/Only a leader/);
    expect(() => publishAnnouncement({ ...input, audience: [] }, ['leader'])).toThrow(/audience/);
  });

  it('shows the leader who has not acknowledged, counting each member once', () => {
    const { announcement } = publishAnnouncement(input, ['leader']);
    let acks = acknowledgeAnnouncement(announcement, [], { memberId: 'bruno', at: publishedAt, via: 'teams-reaction' });
    acks = acknowledgeAnnouncement(announcement, acks, { memberId: 'bruno', at: new Date('2026-11-23T13:00:00Z'), via: 'escala' });
    expect(acks).toEqual([{ memberId: 'bruno', at: publishedAt, via: 'teams-reaction' }]);
    expect(unacknowledgedMembers(announcement, acks)).toEqual(['ana', 'caio']);
    expect(() => acknowledgeAnnouncement(announcement, acks, { memberId: 'zeca', at: publishedAt, via: 'escala' })).toThrow(/audience/);
  });
});
