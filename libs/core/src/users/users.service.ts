import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { randomBytes, randomUUID } from 'node:crypto';
import { AuthTokenSchema, TicketSchema, UserSchema, type User } from '../persistence/entities/index.js';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password-hasher.js';
import { PrincipalCache } from '../auth/principal-cache.js';
import type { CreateUserInput, UpdateUserInput } from './user.schemas.js';
import { Refusal } from '@escala/domain';

export function publicUser(user: User) {
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    email: user.email ?? null,
    roles: user.roles,
    active: user.active,
    createdAt: user.createdAt,
  };
}

/** A password a person can type, shown once. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
  ) {}

  async create(actor: Actor, input: CreateUserInput): Promise<{ user: User; password: string }> {
    const password = input.password ?? generatePassword();
    const user = this.em.create(UserSchema, {
      id: randomUUID(),
      login: input.login,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash: await hashPassword(password),
      roles: input.roles,
      active: true,
    });
    this.audit.record({
      actor,
      action: 'user.created',
      subjectType: 'user',
      subjectId: user.id,
      after: publicUser(user),
    });
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw Refusal.conflict(`The login "${input.login}" is already taken`);
      }
      throw error;
    }
    return { user, password };
  }

  async update(actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
    const { password, ...fields } = input;
    const passwordHash = password ? await hashPassword(password) : undefined;
    const user = await this.em.transactional(async (tx) => {
      const user = await tx.findOne(UserSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw Refusal.notFound(`No user with id ${id}`);
      const before = publicUser(user);
      const deactivating = user.active && fields.active === false;
      if (deactivating) await this.assertHoldsNoOpenTicket(tx, user);
      tx.assign(user, fields);
      if (passwordHash) user.passwordHash = passwordHash;
      // Revoked, not merely refused while inactive: reactivating someone must not revive old sessions.
      const revokedTokens = deactivating
        ? await tx.nativeUpdate(AuthTokenSchema, { user: id, revokedAt: null }, { revokedAt: new Date() })
        : 0;
      this.audit.record({
        actor,
        action: password ? 'user.updated_with_password' : 'user.updated',
        subjectType: 'user',
        subjectId: id,
        before,
        after: { ...publicUser(user), ...(deactivating ? { revokedTokens } : {}) },
      });
      return user;
    });
    // Role changes and deactivation apply to open sessions at once.
    this.principals.forget((principal) => principal.userId === id);
    return user;
  }

  /**
   * A person leaving must not take customers' tickets with them: the admin reassigns what they hold
   * first (the refusal lists it), so each ticket goes to someone who knows it is theirs.
   */
  private async assertHoldsNoOpenTicket(tx: EntityManager, user: User): Promise<void> {
    const held = await tx.find(
      TicketSchema,
      { assigneeId: user.id, status: { $nin: ['resolved', 'closed'] } },
      { orderBy: { number: 'asc' }, limit: 100 },
    );
    if (!held.length) return;
    throw Refusal.conflict(
      `${user.displayName} still holds ${held.length} open ticket(s); reassign them before deactivating: ${held.map((t) => `#${t.number}`).join(', ')}`,
      {
        blocking: held.map((ticket) => ({
          kind: 'assigned-ticket',
          ticketId: ticket.id,
          number: Number(ticket.number),
          subject: ticket.subject,
          status: ticket.status,
        })),
      },
    );
  }

  async get(id: string): Promise<User> {
    const user = await this.em.findOne(UserSchema, { id });
    if (!user) throw Refusal.notFound(`No user with id ${id}`);
    return user;
  }

  list(): Promise<User[]> {
    return this.em.find(UserSchema, {}, { orderBy: { login: 'asc' } });
  }
}
