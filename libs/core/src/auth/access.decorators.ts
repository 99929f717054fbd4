import { SetMetadata } from '@nestjs/common';
import type { Role } from '@escala/domain';

export const ACCESS_RULE = 'escala:access-rule';

/** Who may call a route. Every route carries exactly one rule; a route without one is refused. */
export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** Reachable without credentials (health, login, API docs). Use sparingly. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Reachable by an authenticated principal holding any of `roles`. */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);
