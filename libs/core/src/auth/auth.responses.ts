import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Instant } from '../tickets/ticket.responses.js';

const User = z.object({ id: z.uuid(), login: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)) });

export const LoginResponse = z.object({
  token: z.string(),
  tokenType: z.string(),
  expiresAt: Instant.nullable(),
  user: User,
});

export const MeResponse = User.extend({ tokenKind: z.enum(['session', 'api']) });
