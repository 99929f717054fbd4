import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Refusal, publishAnnouncement, unacknowledgedMembers } from '@escala/domain';
import { AuditService } from '../audit/audit.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { Principal } from '../auth/principal.js';
import {
  AnnouncementRecipientSchema,
  AnnouncementSchema,
  type Announcement,
  type User,
} from '../persistence/entities/index.js';
import { AnnouncementGroupsService, memberView } from './announcement-groups.service.js';
import { announcementRule, announcementView, membersById, queueEvent } from './announcement-records.js';
import type { Page, PublishAnnouncementInput } from './announcement.schemas.js';

/** Publishing announcements and reading who has seen them. */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly groups: AnnouncementGroupsService,
  ) {}

  /** The announcement, its frozen audience, the audit record and `announcement.published` commit together. */
  async publish(publisher: Principal, input: PublishAnnouncementInput) {
    return this.em.transactional(async (tx) => {
      const group = await this.groups.group(input.groupId);
      const members = await this.groups.activeMembers(group.id);
      if (members.length === 0)
        throw Refusal.conflict(`The group "${group.name}" has no members to acknowledge an announcement`);
      const { announcement: rule, event } = publishAnnouncement(
        {
          group: group.name,
          title: input.title,
          body: input.body,
          audience: members.map((member) => member.id),
          publishedBy: publisher.userId,
          publishedAt: new Date(),
          acknowledgeBy: input.acknowledgeBy,
        },
        publisher.roles,
      );
      const announcement = tx.create(AnnouncementSchema, {
        id: randomUUID(),
        group,
        title: rule.title,
        body: rule.body,
        locale: input.locale,
        acknowledgeBy: rule.acknowledgeBy ?? null,
        publishedBy: publisher.userId,
        publishedAt: rule.publishedAt,
      });
      for (const member of members)
        tx.create(AnnouncementRecipientSchema, {
          id: randomUUID(),
          announcement,
          user: member,
          acknowledgedAt: null,
          acknowledgedVia: null,
        });
      this.audit.record({
        actor: publisher,
        action: 'announcement.published',
        subjectType: 'announcement',
        subjectId: announcement.id,
        after: {
          groupId: group.id,
          title: rule.title,
          audience: rule.audience,
          acknowledgeBy: rule.acknowledgeBy ?? null,
        },
      });
      queueEvent(
        tx,
        event,
        domainEvent('announcement.published', {
          announcementId: announcement.id,
          groupId: group.id,
          group: rule.group,
          title: rule.title,
          body: rule.body,
          locale: input.locale,
          audience: members.map(memberView),
          publishedBy: { userId: publisher.userId, displayName: publisher.displayName },
          acknowledgeBy: rule.acknowledgeBy?.toISOString() ?? null,
        }),
      );
      await tx.flush();
      return {
        ...announcementView(await tx.populate(announcement, ['group', 'publishedBy'])),
        audienceCount: members.length,
        acknowledgedCount: 0,
      };
    });
  }

  async list(page: Page & { groupId?: string }) {
    const [announcements, total] = await this.em.findAndCount(
      AnnouncementSchema,
      page.groupId ? { group: page.groupId } : {},
      {
        populate: ['group', 'publishedBy'],
        orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
        limit: page.limit,
        offset: page.offset,
      },
    );
    const recipients = await this.em.find(AnnouncementRecipientSchema, {
      announcement: { $in: announcements.map((a) => a.id) },
    });
    const count = (id: string, acknowledged: boolean) =>
      recipients.filter((r) => r.announcement.id === id && (!acknowledged || r.acknowledgedAt)).length;
    return {
      items: announcements.map((a) => ({
        ...announcementView(a),
        audienceCount: count(a.id, false),
        acknowledgedCount: count(a.id, true),
      })),
      total,
    };
  }

  /** What a leader sees: who acknowledged (when, how) and who has not, in the audience's order. */
  async acknowledgementStatus(id: string) {
    const { announcement, recipients } = await this.load(this.em, id);
    const { rule, acknowledgements } = announcementRule(announcement, recipients);
    const users = new Map(recipients.map((recipient) => [recipient.user.id, recipient.user as User]));
    return {
      ...announcementView(announcement),
      acknowledged: acknowledgements.map((ack) => ({
        ...memberView(users.get(ack.memberId)!),
        acknowledgedAt: ack.at,
        via: ack.via,
      })),
      pending: membersById(recipients, unacknowledgedMembers(rule, acknowledgements)),
    };
  }

  /** A member's announcements still waiting for their acknowledgement, newest first. */
  async unacknowledgedBy(userId: string, page: Page) {
    const [recipients, total] = await this.em.findAndCount(
      AnnouncementRecipientSchema,
      { user: userId, acknowledgedAt: null },
      {
        populate: ['announcement.group', 'announcement.publishedBy'],
        orderBy: [{ announcement: { publishedAt: 'desc' } }, { id: 'asc' }],
        limit: page.limit,
        offset: page.offset,
      },
    );
    return { items: recipients.map((recipient) => announcementView(recipient.announcement as Announcement)), total };
  }

  async load(em: EntityManager, id: string) {
    const announcement = await em.findOne(AnnouncementSchema, { id }, { populate: ['group', 'publishedBy'] });
    if (!announcement) throw Refusal.notFound(`No announcement with id ${id}`);
    const recipients = await em.find(
      AnnouncementRecipientSchema,
      { announcement: id },
      { populate: ['user'], orderBy: { user: { displayName: 'asc' } } },
    );
    return { announcement, recipients };
  }
}
