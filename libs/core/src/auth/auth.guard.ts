import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Refusal, roleAllows } from '@escala/domain';
import { ACCESS_RULE, type AccessRule } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import type { RequestWithPrincipal } from './principal.js';

interface HttpRequest extends RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
}

/** Global guard: every route needs a rule; everything not public needs a valid bearer token and a role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw Refusal.forbidden('This route has no authorization rule; refused by default');
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<HttpRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw Refusal.unauthorized('A bearer token is required (Authorization: Bearer <token>)');
    const principal = await this.auth.authenticate(token);
    if (!principal) throw Refusal.unauthorized('The bearer token is unknown, expired or revoked');
    request.principal = principal;
    if (!roleAllows(principal.roles, rule.roles)) {
      throw Refusal.forbidden(`This action needs one of the roles: ${rule.roles.join(', ')}`);
    }
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S{16,512})$/i.exec(header.trim());
  return match?.[1] ?? null;
}
