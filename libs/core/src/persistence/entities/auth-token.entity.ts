import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserSchema } from './user.entity.js';

/** A bearer credential: a login session or a named API token for an integration. Only its hash is kept. */
export const AuthTokenSchema = defineEntity({
  name: 'AuthToken',
  tableName: 'auth_tokens',
  properties: {
    id: p.uuid().primary(),
    user: () => p.manyToOne(UserSchema),
    kind: p.enum(['session', 'api'] as const),
    name: p.string().nullable(),
    tokenHash: p.string().unique().hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export type AuthToken = InferEntity<typeof AuthTokenSchema>;
