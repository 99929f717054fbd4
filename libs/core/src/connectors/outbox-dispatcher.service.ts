import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ChannelSchema, type ChannelSubscription } from '../persistence/entities/index.js';
import { DeliveryQueue, type Wake } from './delivery-queue.service.js';
import { matchesSubscription } from './subscription.js';

const BATCH = 200;

/**
 * The scheduler's side of delivery. Each tick (1) fans newly committed outbox events out to the
 * enabled channels subscribed to them, as delivery rows, and (2) wakes a worker for every delivery
 * that is due — new, waiting out its backoff, or left behind by a worker that died. Any number of
 * instances may tick at once: the claims skip each other's locked rows.
 */
@Injectable()
export class OutboxDispatcher {
  constructor(
    private readonly em: EntityManager,
    private readonly queue: DeliveryQueue,
  ) {}

  /** Returns how much work it found, so the loop can tick again at once while there is a backlog. */
  async tick(): Promise<number> {
    const fannedOut = await this.fanOut();
    const due = await this.dueDeliveries();
    await this.queue.wake(due);
    return fannedOut + due.length;
  }

  private async fanOut(): Promise<number> {
    return this.em.fork().transactional(async (em) => {
      const connection = em.getConnection();
      const context = em.getTransactionContext();
      const events = await connection.execute<Array<{ id: string; type: string; payload: Record<string, unknown> }>>(
        `with claimed as (
           delete from outbox_dispatch_queue
            where event_id in (select event_id from outbox_dispatch_queue limit ? for update skip locked)
           returning event_id)
         select e.id, e.type, e.payload from outbox_events e join claimed c on c.event_id = e.id order by e.position`,
        [BATCH],
        'all',
        context,
      );
      if (events.length === 0) return 0;
      const channels = await em.find(ChannelSchema, { enabled: true }, { fields: ['id', 'subscription'] });
      const deliveries = events.flatMap((event) =>
        channels
          .filter((channel) => matchesSubscription(channel.subscription as ChannelSubscription, event))
          .map((channel) => ({
            id: randomUUID(),
            event_id: event.id,
            channel_id: channel.id,
            key: `${event.id}.${channel.id}`,
          })),
      );
      if (deliveries.length > 0) {
        await connection.execute(
          `insert into channel_deliveries (id, event_id, channel_id, idempotency_key, status, attempts, next_attempt_at, created_at)
           select d.id, d.event_id, d.channel_id, d.key, 'pending', 0, now(), now()
             from jsonb_to_recordset(?::jsonb) as d(id uuid, event_id uuid, channel_id uuid, key text)
           on conflict (event_id, channel_id) do nothing`,
          [JSON.stringify(deliveries)],
          'run',
          context,
        );
      }
      return events.length;
    });
  }

  private async dueDeliveries(): Promise<Wake[]> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<Array<{ id: string; attempts: number }>>(
        `select id, attempts from channel_deliveries
        where (status in ('pending', 'retrying') and next_attempt_at <= now())
           or (status = 'delivering' and lease_until < now())
        order by next_attempt_at limit ?`,
        [BATCH],
      );
    return rows.map((row) => ({ deliveryId: row.id, attempt: row.attempts + 1 }));
  }
}
