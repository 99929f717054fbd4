import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The admin-configurable catalogue of services an agent may declare inoperative (URGENTE). */
export const InoperativeServiceSchema = defineEntity({
  name: 'InoperativeServiceRow',
  tableName: 'inoperative_services',
  properties: {
    code: p.string().primary(),
    labelPtBr: p.string(),
    labelEn: p.string(),
    active: p.boolean(),
    updatedAt: p.datetime(),
  },
});

export type InoperativeServiceRow = InferEntity<typeof InoperativeServiceSchema>;
