import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An Escala user as another system knows them: an Entra object id, a Google account, an e-mail address. */
export const UserExternalIdentitySchema = defineEntity({
  name: 'UserExternalIdentity',
  tableName: 'user_external_identities',
  properties: {
    system: p.string().primary(),
    externalId: p.string().primary(),
    userId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type UserExternalIdentity = InferEntity<typeof UserExternalIdentitySchema>;
