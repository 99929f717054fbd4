import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditRecordSchema } from '../persistence/entities/index.js';

/** Who did something: a person (through a token) or the system itself (scheduler, connector). */
export type Actor = { userId: string; login: string } | { system: string };

export interface AuditEntry {
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** The audit trail's row for an entry, whichever way it is written. */
export function auditRow(entry: AuditEntry) {
  return {
    occurredAt: new Date(),
    actorId: 'userId' in entry.actor ? entry.actor.userId : null,
    actorLabel: 'system' in entry.actor ? `system:${entry.actor.system}` : entry.actor.login,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  };
}

/**
 * Appends to the audit trail inside the caller's unit of work, so the record commits or rolls back
 * with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  record(entry: AuditEntry): void {
    this.em.create(AuditRecordSchema, auditRow(entry));
  }

  trail(subjectType: string, subjectId: string) {
    return this.em.find(AuditRecordSchema, { subjectType, subjectId }, { orderBy: { id: 'asc' } });
  }
}
