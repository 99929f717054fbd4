import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import type { DeliveryLogQueryInput } from './channel.schemas.js';
import type { DeliveryRecord } from './channels.responses.js';

// Raw SQL rows are not typed by the ORM: this is the shape the select below produces.
type DeliveryRow = z.output<typeof DeliveryRecord>;

const DELIVERY_WITH_ATTEMPTS = `
  select d.id, d.event_id as "eventId", e.type as "eventType", d.channel_id as "channelId", c.name as "channelName",
         d.status, d.attempts, d.next_attempt_at as "nextAttemptAt", d.last_error_kind as "lastErrorKind",
         d.last_error as "lastError", d.external_id as "externalId", d.created_at as "createdAt", d.delivered_at as "deliveredAt",
         coalesce((select json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at, 'finishedAt', a.finished_at,
                                   'outcome', coalesce(a.outcome, 'interrupted'), 'error', a.error, 'retryAfterMs', a.retry_after_ms)
                                   order by a.attempt)
                     from channel_delivery_attempts a where a.delivery_id = d.id), '[]') as "attemptLog"
    from channel_deliveries d
    join outbox_events e on e.id = d.event_id
    join channels c on c.id = d.channel_id`;

/** Read side of delivery: each channel's log, and where one event went. */
@Injectable()
export class DeliveryLog {
  constructor(private readonly em: EntityManager) {}

  forChannel(channelId: string, query: DeliveryLogQueryInput) {
    return this.em
      .getConnection()
      .execute<DeliveryRow[]>(
        `${DELIVERY_WITH_ATTEMPTS} where d.channel_id = ? and (?::text is null or d.status = ?) order by d.created_at desc, e.position desc limit ?`,
        [channelId, query.status ?? null, query.status ?? null, query.limit],
      );
  }

  forEvent(eventId: string) {
    return this.em
      .getConnection()
      .execute<DeliveryRow[]>(`${DELIVERY_WITH_ATTEMPTS} where d.event_id = ? order by c.name`, [eventId]);
  }
}
