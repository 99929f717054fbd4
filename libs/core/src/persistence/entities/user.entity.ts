import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ROLES } from '@escala/domain';

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    login: p.string().unique(),
    displayName: p.string(),
    email: p.string().nullable(),
    passwordHash: p.text().nullable().hidden().lazy(),
    roles: p.array().$type<(typeof ROLES)[number][]>(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export type User = InferEntity<typeof UserSchema>;
