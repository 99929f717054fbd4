import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AuditService, type Actor } from '../audit/audit.service.js';
import {
  AnnouncementGroupMemberSchema,
  AnnouncementGroupSchema,
  UserSchema,
  type AnnouncementGroup,
  type User,
} from '../persistence/entities/index.js';
import type { Page } from './announcement.schemas.js';
import { Refusal } from '@escala/domain';

export function memberView(user: User) {
  return { userId: user.id, login: user.login, displayName: user.displayName, email: user.email ?? null };
}

/** Announcement groups and who belongs to them; membership changes are audited. */
@Injectable()
export class AnnouncementGroupsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(page: Page) {
    const [groups, total] = await this.em.findAndCount(
      AnnouncementGroupSchema,
      {},
      { orderBy: { name: 'asc' }, limit: page.limit, offset: page.offset },
    );
    const counts = await this.memberCounts(groups.map((group) => group.id));
    return { items: groups.map((group) => ({ ...groupView(group), memberCount: counts.get(group.id) ?? 0 })), total };
  }

  async create(actor: Actor, name: string, description: string | undefined) {
    const group = this.em.create(AnnouncementGroupSchema, {
      id: randomUUID(),
      name,
      description: description ?? null,
      createdAt: new Date(),
    });
    this.audit.record({
      actor,
      action: 'announcement_group.created',
      subjectType: 'announcement_group',
      subjectId: group.id,
      after: groupView(group),
    });
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw Refusal.conflict(`A group named "${name}" already exists`);
      throw error;
    }
    return { ...groupView(group), members: [] };
  }

  async get(id: string) {
    const group = await this.group(id);
    return { ...groupView(group), members: (await this.activeMembers(id)).map(memberView) };
  }

  async group(id: string): Promise<AnnouncementGroup> {
    const group = await this.em.findOne(AnnouncementGroupSchema, { id });
    if (!group) throw Refusal.notFound(`No announcement group with id ${id}`);
    return group;
  }

  /** The people who would be the audience of an announcement published now. */
  async activeMembers(groupId: string): Promise<User[]> {
    const rows = await this.em.find(
      AnnouncementGroupMemberSchema,
      { group: groupId, user: { active: true } },
      { populate: ['user'], orderBy: { user: { displayName: 'asc' } } },
    );
    return rows.map((row) => row.user as User);
  }

  /** Idempotent: adding a member twice changes nothing and records nothing. */
  async addMember(actor: Actor, groupId: string, userId: string) {
    return this.em.transactional(async (tx) => {
      const group = await this.group(groupId);
      const user = await tx.findOne(UserSchema, { id: userId });
      if (!user) throw Refusal.notFound(`No user with id ${userId}`);
      if (!user.active) throw Refusal.conflict(`${user.login} is deactivated and cannot join a group`);
      const inserted = await tx.execute<{ id: string }[]>(
        'insert into announcement_group_members (id, group_id, user_id, added_at) values (?, ?, ?, ?) on conflict (group_id, user_id) do nothing returning id',
        [randomUUID(), group.id, user.id, new Date()],
      );
      if (inserted.length > 0)
        this.audit.record({
          actor,
          action: 'announcement_group.member_added',
          subjectType: 'announcement_group',
          subjectId: group.id,
          after: memberView(user),
        });
      return this.get(groupId);
    });
  }

  async removeMember(actor: Actor, groupId: string, userId: string) {
    return this.em.transactional(async (tx) => {
      await this.group(groupId);
      const membership = await tx.findOne(
        AnnouncementGroupMemberSchema,
        { group: groupId, user: userId },
        { populate: ['user'] },
      );
      if (!membership) throw Refusal.notFound(`User ${userId} is not a member of this group`);
      this.audit.record({
        actor,
        action: 'announcement_group.member_removed',
        subjectType: 'announcement_group',
        subjectId: groupId,
        before: memberView(membership.user as User),
      });
      tx.remove(membership);
    });
  }

  private async memberCounts(groupIds: string[]): Promise<Map<string, number>> {
    const memberships = await this.em.find(AnnouncementGroupMemberSchema, {
      group: { $in: groupIds },
      user: { active: true },
    });
    const counts = new Map<string, number>();
    for (const membership of memberships) counts.set(membership.group.id, (counts.get(membership.group.id) ?? 0) + 1);
    return counts;
  }
}

function groupView(group: AnnouncementGroup) {
  return { id: group.id, name: group.name, description: group.description ?? null, createdAt: group.createdAt };
}
