import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An admin's wording of one playbook text in one locale; the shipped default applies where none exists. */
export const PlaybookTemplateOverrideSchema = defineEntity({
  name: 'PlaybookTemplateOverride',
  tableName: 'playbook_template_overrides',
  properties: {
    id: p.uuid().primary(),
    key: p.string(),
    locale: p.string(),
    body: p.text(),
    updatedBy: p.uuid().nullable(),
    updatedAt: p.datetime(),
  },
});

export type PlaybookTemplateOverride = InferEntity<typeof PlaybookTemplateOverrideSchema>;
