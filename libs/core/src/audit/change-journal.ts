import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { OutboxEventSchema } from '../persistence/entities/index.js';
import { AuditService, type Actor } from './audit.service.js';

export interface DomainEventDraft {
  type: string;
  payload: object;
}

export interface Change {
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
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
    const occurredAt = new Date();
    for (const event of events) {
      this.em.create(OutboxEventSchema, {
        id: randomUUID(),
        type: event.type,
        aggregateType: change.subjectType,
        aggregateId: change.subjectId,
        payload: { ...event.payload },
        occurredAt,
      });
    }
  }
}

/** The fields whose values differ, as `before` and `after` halves for the audit trail. */
export function diff<T extends object>(before: T, after: T): { before: Record<string, unknown>; after: Record<string, unknown> } {
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
