import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Refusal, findUnit } from '@escala/domain';
import type { Actor } from '../audit/audit.service.js';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { SupportMemberSchema, UserSchema, type SupportMember } from '../persistence/entities/index.js';
import { SupportStructureService } from './support-structure.service.js';
import type { PlaceMemberInput } from './structure.schemas.js';

const view = (m: SupportMember) => ({
  userId: m.userId,
  unitKey: m.unitKey,
  channel: m.channel ?? null,
  function: m.function,
});

/** Who works where: agents in a tier or stage on a channel, and the supervisors register. */
@Injectable()
export class SupportMembersService {
  constructor(
    private readonly em: EntityManager,
    private readonly structures: SupportStructureService,
    private readonly journal: ChangeJournal,
  ) {}

  async list(filter: { function?: 'agent' | 'supervisor'; unitKey?: string }) {
    const members = await this.em.find(SupportMemberSchema, filter, { orderBy: { unitKey: 'asc', userId: 'asc' } });
    const users = await this.em.find(UserSchema, { id: { $in: members.map((m) => m.userId) } });
    const names = new Map(users.map((u) => [u.id, { login: u.login, displayName: u.displayName }]));
    return members.map((m) => ({ ...view(m), ...names.get(m.userId) }));
  }

  /** The unit a person works in, or null when they are not placed in the structure. */
  async unitOf(userId: string): Promise<string | null> {
    return (await this.em.findOne(SupportMemberSchema, { userId }))?.unitKey ?? null;
  }

  async place(actor: Actor, userId: string, input: PlaceMemberInput) {
    const { structure } = await this.structures.active();
    if (!findUnit(structure, input.unitKey)) {
      const known = structure.units.map((u) => u.key).join(', ');
      throw Refusal.invalid('unitKey', `unknown unit "${input.unitKey}"; known: ${known}`);
    }
    if (!(await this.em.findOne(UserSchema, { id: userId }))) throw Refusal.notFound(`No user with id ${userId}`);
    const existing = await this.em.findOne(SupportMemberSchema, { userId });
    const before = existing ? view(existing) : null;
    const member = existing ?? this.em.create(SupportMemberSchema, { userId, ...input, updatedAt: new Date() });
    this.em.assign(member, { ...input, updatedAt: new Date() });
    this.journal.record({
      actor,
      action: 'support_member.placed',
      subjectType: 'user',
      subjectId: userId,
      before,
      after: view(member),
    });
    await this.em.flush();
    return view(member);
  }

  async remove(actor: Actor, userId: string): Promise<void> {
    const member = await this.em.findOne(SupportMemberSchema, { userId });
    if (!member) throw Refusal.notFound(`User ${userId} is not placed in the support structure`);
    this.journal.record({
      actor,
      action: 'support_member.removed',
      subjectType: 'user',
      subjectId: userId,
      before: view(member),
      after: null,
    });
    this.em.remove(member);
    await this.em.flush();
  }
}
