import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { CombinedWrite } from '../persistence/combined-write.js';
import { AuditRecordSchema, OutboxEventSchema } from '../persistence/entities/index.js';
import { AuditService, auditRow, type AuditEntry } from './audit.service.js';
import type { DomainEventDraft } from './domain-event.js';

/** An audited change and the domain events it causes. */
export interface Change extends AuditEntry {
  events?: readonly DomainEventDraft[];
}

/**
 * Writes a change's audit record and its domain events into the caller's unit of work, so both
 * commit with the state change or not at all.
 */
@Injectable()
export class ChangeJournal {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  record(change: Change): void {
    const { events = [], ...entry } = change;
    this.audit.record(entry);
    for (const row of outboxRows(change, events)) this.em.create(OutboxEventSchema, row);
  }

  /**
   * The same records as parts of a combined write; `json` may rewrite the audit's `after` and each
   * event's payload (e.g. to add a number PostgreSQL assigns in that statement).
   */
  write(write: CombinedWrite, change: Change, json: (value: object) => unknown = (value) => value): void {
    const { events = [], ...entry } = change;
    const row = auditRow(entry);
    write.insert(AuditRecordSchema, { ...row, after: row.after && json(row.after) });
    write.insert(
      OutboxEventSchema,
      outboxRows(change, events).map((event) => ({ ...event, payload: json(event.payload) })),
    );
  }
}

function outboxRows(change: Change, events: readonly DomainEventDraft[]) {
  const occurredAt = new Date();
  return events.map((event) => ({
    id: randomUUID(),
    type: event.type,
    aggregateType: change.subjectType,
    aggregateId: change.subjectId,
    payload: { ...event.payload },
    occurredAt,
  }));
}

/** The fields whose values differ, as `before` and `after` halves for the audit trail. */
export function diff<T extends object>(
  before: T,
  after: T,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}
