import { ROLES } from '@escala/domain';
import { z } from 'zod';

const login = z
  .string()
  .trim()
  .min(2)
  .max(100)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only');
const roles = z
  .array(z.enum(ROLES))
  .min(1)
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, 'roles repeat');

export const CreateUserBody = z.strictObject({
  login,
  displayName: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  roles,
  password: z.string().min(12).max(1024).optional(),
});

export const UpdateUserBody = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(320).nullable().optional(),
    roles: roles.optional(),
    active: z.boolean().optional(),
    password: z.string().min(12).max(1024).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const CreateApiTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const UuidParam = z.uuid();

export type CreateUserInput = z.infer<typeof CreateUserBody>;
export type UpdateUserInput = z.infer<typeof UpdateUserBody>;

/** Shapes only; the per-system formats (a GUID for `entra`, an address for `email`) are the service's to judge. */
export const ExternalIdentityBody = z.strictObject({
  system: z.string().max(100),
  id: z.string().max(1000),
});
