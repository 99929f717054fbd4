import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** One append-only line of the audit trail: who did what to which subject, before and after. */
export const AuditRecordSchema = defineEntity({
  name: 'AuditRecord',
  tableName: 'audit_records',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    occurredAt: p.datetime(),
    actorId: p.uuid().nullable(),
    actorLabel: p.string(),
    action: p.string(),
    subjectType: p.string(),
    subjectId: p.string(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
  },
});

export type AuditRecord = InferEntity<typeof AuditRecordSchema>;
