import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { SupportStructure } from '@escala/domain';

/** One saved version of the support structure; the highest version is the active one. */
export const SupportStructureVersionSchema = defineEntity({
  name: 'SupportStructureVersion',
  tableName: 'support_structure_versions',
  properties: {
    version: p.integer().primary().autoincrement(false),
    preset: p.string().nullable(),
    definition: p.json<SupportStructure>(),
    note: p.text().nullable(),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime(),
  },
});

export type SupportStructureVersion = InferEntity<typeof SupportStructureVersionSchema>;
