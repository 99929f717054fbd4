import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Refusal } from '@escala/domain';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { Principal } from '../auth/principal.js';
import { Clock } from '../clock/clock.service.js';
import { TriageItems, type TriageItem } from './triage-items.repository.js';
import { TriageLanding } from './triage-landing.service.js';
import type { HoldTriageItemInput, RedirectTriageInput } from './triage.schemas.js';

const OPEN_ITEMS_SHOWN = 500;

/**
 * The relationship desk's triage (seed 000: "tratativa de e-mails e redirecionamento"): messages a
 * channel could not place wait here; a member sends each to a ticket, a tier or stage, or a person,
 * or dismisses it. Each decision is one transaction with its audit record and events, and an item
 * is decided once: whoever comes second is told it was already handled.
 */
@Injectable()
export class TriageService {
  constructor(
    private readonly em: EntityManager,
    private readonly items: TriageItems,
    private readonly landing: TriageLanding,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
  ) {}

  /** Called through a channel's port, in its inbound change's transaction; the same key holds once. */
  hold(channelId: string, input: HoldTriageItemInput): Promise<{ id: string; recorded: boolean }> {
    return this.em.transactional(async (tx) => {
      const held = await this.items.hold(tx, channelId, {
        key: input.key,
        senderEmail: input.sender.email.toLowerCase(),
        senderName: input.sender.name ?? null,
        subject: input.subject,
        body: input.body,
        attachments: input.attachments,
        sourceUrl: input.sourceUrl ?? null,
        externalReference: input.externalReference ?? null,
        category: input.category ?? null,
        receivedAt: new Date(input.receivedAt),
      });
      if (!held.recorded) return held;
      const sender = input.sender.email.toLowerCase();
      this.journal.record({
        actor: { system: `connector:${channelId}` },
        action: 'triage.item_held',
        subjectType: 'triage_item',
        subjectId: held.id,
        after: { channelId, sender, subject: input.subject, receivedAt: input.receivedAt },
        events: [
          domainEvent('triage.item_held', {
            itemId: held.id,
            channelId,
            sender,
            subject: input.subject,
            receivedAt: new Date(input.receivedAt).toISOString(),
          }),
        ],
      });
      return held;
    });
  }

  async open(): Promise<{ items: TriageItem[] }> {
    return { items: await this.items.open(this.em, OPEN_ITEMS_SHOWN) };
  }

  redirect(caller: Principal, id: string, target: RedirectTriageInput) {
    return this.em.transactional(async (tx) => {
      const item = await this.openItem(tx, id);
      const ticket = await this.landing.land(caller, item, target);
      await this.close(tx, caller, item, target.to, ticket.id, {
        to: target.to,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
      });
      return { item: (await this.items.find(tx, id))!, ticket };
    });
  }

  dismiss(caller: Principal, id: string, reason: string) {
    return this.em.transactional(async (tx) => {
      const item = await this.openItem(tx, id);
      await this.close(tx, caller, item, 'dismissed', null, { reason });
      return (await this.items.find(tx, id))!;
    });
  }

  private async openItem(tx: EntityManager, id: string): Promise<TriageItem> {
    const item = await this.items.lock(tx, id);
    if (!item) throw Refusal.notFound(`No triage item with id ${id}`);
    if (item.status !== 'open') throw Refusal.conflict(`This triage item was already ${item.status}`);
    return item;
  }

  private async close(
    tx: EntityManager,
    caller: Principal,
    item: TriageItem,
    resolution: 'ticket' | 'unit' | 'person' | 'dismissed',
    ticketId: string | null,
    outcome: Record<string, unknown>,
  ): Promise<void> {
    const status = resolution === 'dismissed' ? 'dismissed' : 'redirected';
    await this.items.close(tx, item.id, { status, outcome, by: caller.userId, at: this.clock.now() });
    this.journal.record({
      actor: caller,
      action: `triage.item_${status}`,
      subjectType: 'triage_item',
      subjectId: item.id,
      before: { status: 'open' },
      after: { status, ...outcome },
      events: [
        domainEvent('triage.item_resolved', {
          itemId: item.id,
          channelId: item.channel.id,
          resolution,
          ticketId,
          by: { userId: caller.userId, displayName: caller.displayName },
        }),
      ],
    });
  }
}
