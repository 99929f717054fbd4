import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Instant } from '../tickets/ticket.responses.js';

export const UserResponse = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  active: z.boolean(),
  createdAt: Instant,
});

export const UsersResponse = z.object({ items: z.array(UserResponse) });
