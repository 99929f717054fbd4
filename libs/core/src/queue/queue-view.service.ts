import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { orderQueue, type QueueOrder } from '@escala/domain';
import { Clock } from '../clock/clock.service.js';
import { asQueuedTicket, QueueEntries } from './queue-entries.repository.js';
import { QueueSettings } from './queue-settings.js';

/** A tier/stage queue as people read it: the order it must be worked, waiting times, skip reasons. */
@Injectable()
export class QueueView {
  private readonly order: QueueOrder;

  constructor(
    private readonly em: EntityManager,
    private readonly entries: QueueEntries,
    private readonly clock: Clock,
    settings: QueueSettings,
  ) {
    this.order = settings.order;
  }

  async of(unitKey: string) {
    const now = this.clock.now();
    const queue = await this.entries.list(this.em, unitKey);
    const byId = new Map(queue.map((entry) => [entry.ticketId, entry]));
    const items = orderQueue(queue.map(asQueuedTicket), this.order).map((ranked) => {
      const entry = byId.get(ranked.ticketId)!;
      return {
        ...ranked,
        number: entry.number,
        subject: entry.subject,
        openedAt: entry.openedAt,
        queuedAt: entry.queuedAt,
        waitingMs: now.getTime() - ranked.waitingSince.getTime(),
      };
    });
    return { unitKey, order: this.order, items };
  }
}
