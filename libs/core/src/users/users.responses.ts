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

/** A new person; `initialPassword` only when the server generated it, shown this once. */
export const CreatedUserResponse = UserResponse.extend({ initialPassword: z.string().optional() });

const LinkedIdentity = z.object({ system: z.string(), id: z.string(), linkedAt: Instant });
export const UserIdentitiesResponse = z.object({ items: z.array(LinkedIdentity) });
export const LinkedIdentityResponse = LinkedIdentity.extend({ created: z.boolean() });
