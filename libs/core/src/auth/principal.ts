import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@escala/domain';

/** The authenticated caller of a request. */
export interface Principal {
  userId: string;
  login: string;
  displayName: string;
  roles: Role[];
  tokenId: string;
  tokenKind: 'session' | 'api';
}

export interface RequestWithPrincipal {
  principal?: Principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
