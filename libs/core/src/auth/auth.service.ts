import { Injectable, UnauthorizedException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AuthTokenSchema, UserSchema, type User } from '../persistence/entities/index.js';
import { AuditService } from '../audit/audit.service.js';
import { hashBearerToken, newBearerToken } from './bearer-token.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import type { Principal } from './principal.js';
import { AuthSettings } from './auth-settings.js';
import { LoginThrottle } from './login-throttle.js';

// Verified against when the login is unknown, so a wrong login costs as much as a wrong password.
const DUMMY_HASH = hashPassword('not-a-real-password');

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: Date | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly settings: AuthSettings,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(login: string, password: string): Promise<IssuedToken & { user: User }> {
    await this.throttle.assertAllowed(login);
    const user = await this.em.findOne(UserSchema, { login: { $ilike: login } }, { populate: ['passwordHash'] });
    const stored = user?.active && user.passwordHash ? user.passwordHash : await DUMMY_HASH;
    const valid = await verifyPassword(stored, password);
    if (!user || !valid || !user.active || !user.passwordHash) {
      await this.throttle.recordFailure(login);
      throw new UnauthorizedException('Login or password is wrong');
    }
    await this.throttle.clear(login);
    const expiresAt = new Date(Date.now() + this.settings.sessionTtlMinutes * 60_000);
    const issued = await this.issue(user, 'session', null, expiresAt);
    return { ...issued, user };
  }

  async issueApiToken(actor: Principal, user: User, name: string, expiresAt: Date | null): Promise<IssuedToken> {
    return this.em.transactional(async () => {
      const issued = await this.issue(user, 'api', name, expiresAt);
      this.audit.record({
        actor,
        action: 'api_token.created',
        subjectType: 'user',
        subjectId: user.id,
        after: { tokenId: issued.tokenId, name, expiresAt },
      });
      return issued;
    });
  }

  /** Revokes a token; an admin revoking someone's token leaves an audit record, a logout does not need one. */
  async revoke(tokenId: string, actor?: Principal): Promise<boolean> {
    return this.em.transactional(async () => {
      const revoked = await this.em.nativeUpdate(AuthTokenSchema, { id: tokenId, revokedAt: null }, { revokedAt: new Date() });
      if (revoked > 0 && actor) {
        this.audit.record({ actor, action: 'token.revoked', subjectType: 'auth_token', subjectId: tokenId });
      }
      return revoked > 0;
    });
  }

  /** Resolves a bearer token to its principal, or null when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<Principal | null> {
    const record = await this.em.findOne(
      AuthTokenSchema,
      { tokenHash: hashBearerToken(token), revokedAt: null },
      { populate: ['user'] },
    );
    if (!record || !record.user.active) return null;
    if (record.expiresAt && record.expiresAt.getTime() <= Date.now()) return null;
    return {
      userId: record.user.id,
      login: record.user.login,
      displayName: record.user.displayName,
      roles: [...record.user.roles],
      tokenId: record.id,
      tokenKind: record.kind,
    };
  }

  private async issue(user: User, kind: 'session' | 'api', name: string | null, expiresAt: Date | null): Promise<IssuedToken> {
    const token = newBearerToken(kind);
    const record = this.em.create(AuthTokenSchema, {
      id: randomUUID(),
      user,
      kind,
      name,
      tokenHash: hashBearerToken(token),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.em.flush();
    return { token, tokenId: record.id, expiresAt };
  }
}
