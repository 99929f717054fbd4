import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ChangeJournal, diff } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.service.js';
import {
  CustomerSchema,
  ImprovementSuggestionSchema,
  TicketSchema,
  UserSchema,
  type ImprovementSuggestion,
} from '../persistence/entities/index.js';
import type { CreateSuggestionInput, ListSuggestionsInput, UpdateSuggestionInput } from './suggestion.schemas.js';
import { Refusal } from '@escala/domain';

const view = (s: ImprovementSuggestion) => ({
  id: s.id,
  title: s.title,
  description: s.description,
  originTicketId: s.originTicketId ?? null,
  originCustomerId: s.originCustomerId ?? null,
  status: s.status,
  ownerId: s.ownerId ?? null,
  registeredBy: s.registeredBy ?? null,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/** docs/playbook.md §12: improvement suggestions anyone on the team registers, each with its origin, status and owner; every change audited. */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
  ) {}

  async list(query: ListSuggestionsInput) {
    const rows = await this.em.find(
      ImprovementSuggestionSchema,
      { ...query },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
    return { items: rows.map(view) };
  }

  async create(caller: Principal, input: CreateSuggestionInput) {
    let originCustomerId = input.originCustomerId;
    if (input.originTicketId) {
      const ticket = await this.em.findOne(TicketSchema, { id: input.originTicketId });
      if (!ticket) throw Refusal.invalid('originTicketId', 'no such ticket');
      originCustomerId ??= ticket.customerId;
    }
    if (originCustomerId && !(await this.em.findOne(CustomerSchema, { id: originCustomerId })))
      throw Refusal.invalid('originCustomerId', 'no such customer');
    await this.assertUser(input.ownerId);
    return this.em.transactional(async (tx) => {
      const now = this.clock.now();
      const row = tx.create(ImprovementSuggestionSchema, {
        ...input,
        originCustomerId,
        id: randomUUID(),
        status: 'proposed',
        registeredBy: caller.userId,
        createdAt: now,
        updatedAt: now,
      });
      this.journal.record({
        actor: caller,
        action: 'suggestion.registered',
        subjectType: 'suggestion',
        subjectId: row.id,
        after: view(row),
        events: [domainEvent('suggestion.registered', { suggestionId: row.id, title: row.title })],
      });
      await tx.flush();
      return view(row);
    });
  }

  async update(caller: Principal, id: string, input: UpdateSuggestionInput) {
    await this.assertUser(input.ownerId);
    return this.em.transactional(async (tx) => {
      const row = await tx.findOne(ImprovementSuggestionSchema, { id });
      if (!row) throw Refusal.notFound(`No suggestion with id ${id}`);
      const before = view(row);
      tx.assign(row, { ...input, updatedAt: this.clock.now() });
      const changes = diff({ ...before, updatedAt: null }, { ...view(row), updatedAt: null });
      this.journal.record({
        actor: caller,
        action: 'suggestion.updated',
        subjectType: 'suggestion',
        subjectId: id,
        ...changes,
      });
      await tx.flush();
      return view(row);
    });
  }

  private async assertUser(userId: string | null | undefined): Promise<void> {
    if (userId && !(await this.em.findOne(UserSchema, { id: userId })))
      throw Refusal.invalid('ownerId', 'no such user');
  }
}
