import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { randomBytes, randomUUID } from 'node:crypto';
import { UserSchema, type User } from '../persistence/entities/index.js';
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
    const user = await this.get(id);
    const before = publicUser(user);
    const { password, ...fields } = input;
    this.em.assign(user, fields);
    if (password) user.passwordHash = await hashPassword(password);
    this.audit.record({
      actor,
      action: password ? 'user.updated_with_password' : 'user.updated',
      subjectType: 'user',
      subjectId: id,
      before,
      after: publicUser(user),
    });
    await this.em.flush();
    // Role changes and deactivation apply to open sessions at once.
    this.principals.forget((principal) => principal.userId === id);
    return user;
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
