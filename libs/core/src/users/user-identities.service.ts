import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { checkExternalIdentity, type ExternalIdentity, type UserRef } from '@escala/connector-kit';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { UserExternalIdentitySchema, UserSchema } from '../persistence/entities/index.js';
import { Refusal } from '@escala/domain';

export interface LinkedIdentity extends ExternalIdentity {
  linkedAt: Date;
}

/**
 * Links Escala users to their identities in other systems, so a connector can @mention a leader
 * in Teams by Entra object id or attribute a sheet edit to its Google account. One identity names
 * one user. Every link and unlink is audited in its own commit.
 */
@Injectable()
export class UserIdentitiesService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string): Promise<LinkedIdentity[]> {
    await this.user(userId);
    const rows = await this.em.find(
      UserExternalIdentitySchema,
      { userId },
      { orderBy: { createdAt: 'asc', system: 'asc' } },
    );
    return rows.map((row) => ({ system: row.system, id: row.externalId, linkedAt: row.createdAt }));
  }

  /** Idempotent for the same user (`created: false`); 409 when the identity is another user's. */
  async link(
    actor: Actor,
    userId: string,
    input: ExternalIdentity,
  ): Promise<{ identity: LinkedIdentity; created: boolean }> {
    const identity = valid(input);
    return this.em.transactional(async (tx) => {
      await this.user(userId);
      await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [
        `identity:${identity.system}:${identity.id}`,
      ]);
      const existing = await tx.findOne(UserExternalIdentitySchema, {
        system: identity.system,
        externalId: identity.id,
      });
      if (existing && existing.userId !== userId)
        throw Refusal.conflict(`The ${identity.system} identity ${identity.id} is already linked to another user`);
      if (existing) return { identity: { ...identity, linkedAt: existing.createdAt }, created: false };
      const row = tx.create(UserExternalIdentitySchema, { system: identity.system, externalId: identity.id, userId });
      this.audit.record({
        actor,
        action: 'user.external_identity_linked',
        subjectType: 'user',
        subjectId: userId,
        after: { system: identity.system, id: identity.id },
      });
      await tx.flush();
      return { identity: { ...identity, linkedAt: row.createdAt }, created: true };
    });
  }

  async unlink(actor: Actor, userId: string, input: ExternalIdentity): Promise<void> {
    const identity = valid(input);
    await this.em.transactional(async (tx) => {
      const removed = await tx.nativeDelete(UserExternalIdentitySchema, {
        system: identity.system,
        externalId: identity.id,
        userId,
      });
      if (removed === 0) throw Refusal.notFound(`User ${userId} has no ${identity.system} identity ${identity.id}`);
      this.audit.record({
        actor,
        action: 'user.external_identity_unlinked',
        subjectType: 'user',
        subjectId: userId,
        before: { system: identity.system, id: identity.id },
      });
    });
  }

  /** The port's read: the user an identity names, or null (also for an identity no system could have). */
  async findUser(input: ExternalIdentity): Promise<UserRef | null> {
    const checked = checkExternalIdentity(input);
    if (!checked.ok) return null;
    const link = await this.em.findOne(UserExternalIdentitySchema, {
      system: checked.identity.system,
      externalId: checked.identity.id,
    });
    const user = link && (await this.em.findOne(UserSchema, { id: link.userId }));
    return user ? { id: user.id, displayName: user.displayName, email: user.email ?? null, active: user.active } : null;
  }

  private async user(id: string) {
    const user = await this.em.findOne(UserSchema, { id });
    if (!user) throw Refusal.notFound(`No user with id ${id}`);
    return user;
  }
}

function valid(input: ExternalIdentity): ExternalIdentity {
  const checked = checkExternalIdentity(input);
  if (!checked.ok) throw Refusal.invalid(checked.field, checked.message);
  return checked.identity;
}
