import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.service.js';
import {
  TicketFollowUpSchema,
  TicketSchema,
  type TicketFollowUp,
  type TicketFollowUpKind,
} from '../persistence/entities/index.js';
import { Refusal } from '@escala/domain';

const NOW_TOLERANCE_MS = 60_000;

const view = (row: TicketFollowUp) => ({
  id: row.id,
  ticketId: row.ticketId,
  kind: row.kind,
  description: row.description,
  dueAt: row.dueAt,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  doneBy: row.doneBy,
  doneAt: row.doneAt,
});

/**
 * Follow-ups and commitments on a ticket. Each change commits with its audit record; the queue
 * reads open ones as pending items of the ticket's holder (see PendingWorkReader).
 */
@Injectable()
export class TicketFollowUpsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async add(
    actor: Principal,
    ticketId: string,
    kind: TicketFollowUpKind,
    entry: { dueAt: Date; description: string | null },
  ) {
    // Created already overdue it would block the holder's next ticket at once: a wrong date or time
    // zone, or something owed now rather than scheduled. Refused, so the agent sees it at the desk.
    // "Now" typed on a client's clock arrives a little in the past: a minute of it is still now.
    const now = this.clock.now();
    if (entry.dueAt.getTime() < now.getTime() - NOW_TOLERANCE_MS)
      throw Refusal.invalid(
        'dueAt',
        `is already past (${entry.dueAt.toISOString()} is before now, ${now.toISOString()}); give a time still to come`,
      );
    return this.em.transactional(async (tx) => {
      await this.ticketOrFail(tx, ticketId);
      const row = tx.create(TicketFollowUpSchema, {
        id: randomUUID(),
        ticketId,
        kind,
        description: entry.description,
        dueAt: entry.dueAt,
        createdBy: actor.userId,
        createdAt: this.clock.now(),
        doneBy: null,
        doneAt: null,
      });
      this.audit.record({
        actor,
        action: `ticket.${kind}.added`,
        subjectType: 'ticket',
        subjectId: ticketId,
        after: view(row),
      });
      return view(row);
    });
  }

  async markDone(actor: Principal, ticketId: string, kind: TicketFollowUpKind, id: string) {
    return this.em.transactional(async (tx) => {
      const row = await tx.findOne(TicketFollowUpSchema, { id, ticketId, kind });
      if (!row) throw Refusal.notFound(`No ${kind} ${id} on ticket ${ticketId}`);
      if (row.doneAt) throw Refusal.conflict(`The ${kind} ${id} was already done at ${row.doneAt.toISOString()}`);
      const before = view(row);
      row.doneAt = this.clock.now();
      row.doneBy = actor.userId;
      this.audit.record({
        actor,
        action: `ticket.${kind}.done`,
        subjectType: 'ticket',
        subjectId: ticketId,
        before,
        after: view(row),
      });
      return view(row);
    });
  }

  async list(ticketId: string, kind: TicketFollowUpKind) {
    await this.ticketOrFail(this.em, ticketId);
    const rows = await this.em.find(TicketFollowUpSchema, { ticketId, kind }, { orderBy: { dueAt: 'asc', id: 'asc' } });
    return { items: rows.map(view) };
  }

  private async ticketOrFail(em: EntityManager, ticketId: string): Promise<void> {
    if ((await em.count(TicketSchema, { id: ticketId })) === 0) throw Refusal.notFound(`No ticket with id ${ticketId}`);
  }
}
