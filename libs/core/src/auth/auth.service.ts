import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Role } from '@escala/domain';
import { AuthTokenSchema, UserSchema, type User } from '../persistence/entities/index.js';
import { AuditService } from '../audit/audit.service.js';
import { hashBearerToken, newBearerToken } from './bearer-token.js';
import { hashPassword, verifyPassword } from './password-hasher.js';
import type { Principal } from './principal.js';
import { AuthSettings } from './auth-settings.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PrincipalCache } from './principal-cache.js';
import { Refusal } from '@escala/domain';

interface TokenRow {
  token_id: string;
  kind: 'session' | 'api';
  expires_at: Date | null;
  user_id: string;
  login: string;
  display_name: string;
  roles: Role[];
}

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
    private readonly cache: PrincipalCache,
  ) {}

  async login(login: string, password: string): Promise<IssuedToken & { user: User }> {
    await this.throttle.assertAllowed(login);
    const user = await this.em.findOne(UserSchema, { login: { $ilike: login } }, { populate: ['passwordHash'] });
    const stored = user?.active && user.passwordHash ? user.passwordHash : await DUMMY_HASH;
    const valid = await verifyPassword(stored, password);
    if (!user || !valid || !user.active || !user.passwordHash) {
      await this.throttle.recordFailure(login);
      throw Refusal.unauthorized('Login or password is wrong');
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
      const revoked = await this.em.nativeUpdate(
        AuthTokenSchema,
        { id: tokenId, revokedAt: null },
        { revokedAt: new Date() },
      );
      this.cache.forget((principal) => principal.tokenId === tokenId);
      if (revoked > 0 && actor) {
        this.audit.record({ actor, action: 'token.revoked', subjectType: 'auth_token', subjectId: tokenId });
      }
      return revoked > 0;
    });
  }

  /** Resolves a bearer token to its principal, or null when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<Principal | null> {
    const tokenHash = hashBearerToken(token);
    const cached = this.cache.get(tokenHash);
    if (cached) return cached;
    // One indexed join, without the unit of work: this runs on every request.
    const [row] = await this.em.getConnection().execute<TokenRow[]>(
      `select t.id as token_id, t.kind, t.expires_at, u.id as user_id, u.login, u.display_name, u.roles
         from auth_tokens t join users u on u.id = t.user_id
        where t.token_hash = ? and t.revoked_at is null and u.active
          and (t.expires_at is null or t.expires_at > now())`,
      [tokenHash],
    );
    if (!row) return null;
    const principal: Principal = {
      userId: row.user_id,
      login: row.login,
      displayName: row.display_name,
      roles: row.roles,
      tokenId: row.token_id,
      tokenKind: row.kind,
    };
    this.cache.set(tokenHash, principal, row.expires_at ? new Date(row.expires_at) : null);
    return principal;
  }

  private async issue(
    user: User,
    kind: 'session' | 'api',
    name: string | null,
    expiresAt: Date | null,
  ): Promise<IssuedToken> {
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
