import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ConnectorError, DELIVERY_DEAD_LETTERED, type ConnectorEvent, type EventPayload } from '@escala/connector-kit';
import { auditRow } from '../audit/audit.service.js';
import { AuditRecordSchema, ChannelSchema } from '../persistence/entities/index.js';
import { ChannelConfigCodec } from './channel-config.service.js';
import { ConnectorRegistry } from './connector-registry.js';
import { TicketSummaries } from './ticket-summaries.repository.js';
import { CONNECTOR_SETTINGS, type ConnectorSettings } from './connector-settings.js';
import { CORE_PORTS, type CallPort, type CorePorts } from './core-ports.js';
import { DeliveryQueue } from './delivery-queue.service.js';
import { decideRetry } from './retry-policy.js';

interface ClaimedDelivery {
  id: string;
  attempts: number;
  channel_id: string;
  idempotency_key: string;
  event: ConnectorEvent;
}

/** An id longer than this is not a reference anyone will look up; it is recorded, not linked. */
const REFERENCE_MAX = 500;

/**
 * Performs one delivery attempt: claims the row with a lease (so a second wake-up or a second
 * worker does nothing), logs the attempt before calling out (a crash leaves an open attempt in the
 * log), calls the connector with the (event, channel) idempotency key, then records the outcome.
 * A success commits, in the one transaction that records it, the state the connector wrote and the
 * receipt's external id linked to the event's ticket as a reference of the channel; a failure
 * discards the state it wrote.
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger(DeliveryWorker.name);

  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConnectorRegistry,
    private readonly codec: ChannelConfigCodec,
    private readonly queue: DeliveryQueue,
    @Inject(CONNECTOR_SETTINGS) private readonly settings: ConnectorSettings,
    @Inject(CORE_PORTS) private readonly ports: CorePorts,
    private readonly summaries: TicketSummaries,
  ) {}

  async deliver(deliveryId: string): Promise<void> {
    const em = this.em.fork();
    const delivery = await this.claim(em, deliveryId);
    if (!delivery) return;
    const channel = await em.findOne(ChannelSchema, { id: delivery.channel_id }, { populate: ['secretsCiphertext'] });
    const definition =
      channel && this.registry.has(channel.connectorKey) ? this.registry.get(channel.connectorKey) : undefined;
    if (!channel || !definition?.deliver) {
      await this.failed(
        em,
        delivery,
        ConnectorError.invalidConfiguration("the channel's connector is not installed or delivers nothing"),
      );
      return;
    }
    const port = this.ports.forCall(channel.id, em);
    try {
      const config = definition.configSchema.parse(this.codec.decode(channel));
      const receipt = await definition.deliver(
        {
          channelId: channel.id,
          config,
          signal: AbortSignal.timeout(this.settings.deliveryTimeoutSeconds * 1000),
          port,
        },
        {
          event: this.summaries.delivered(delivery.event),
          idempotencyKey: delivery.idempotency_key,
          attempt: delivery.attempts,
        },
      );
      await this.succeeded(em, delivery, receipt.externalId ?? null, port, channel.connectorKey);
    } catch (error) {
      await this.failed(em, delivery, definition.translateError(error));
    }
  }

  private async claim(em: EntityManager, deliveryId: string): Promise<ClaimedDelivery | null> {
    const [row] = await em.getConnection().execute<ClaimedDelivery[]>(
      `with claimed as (
         update channel_deliveries
            set status = 'delivering', attempts = attempts + 1, lease_until = now() + make_interval(secs => ?)
          where id = ? and (status in ('pending', 'retrying') or (status = 'delivering' and lease_until < now()))
          returning id, attempts, channel_id, idempotency_key, event_id),
       logged as (
         insert into channel_delivery_attempts (delivery_id, attempt, started_at) select id, attempts, clock_timestamp() from claimed)
       select c.id, c.attempts, c.channel_id, c.idempotency_key,
              json_build_object('id', e.id, 'type', e.type, 'aggregateType', e.aggregate_type, 'aggregateId', e.aggregate_id,
                                'occurredAt', e.occurred_at, 'payload', e.payload) as event
         from claimed c join outbox_events e on e.id = c.event_id`,
      [this.settings.deliveryTimeoutSeconds, deliveryId],
    );
    return row ?? null;
  }

  private async succeeded(
    em: EntityManager,
    delivery: ClaimedDelivery,
    externalId: string | null,
    port: CallPort,
    system: string,
  ): Promise<void> {
    await em.transactional(async (tem) => {
      await this.finishAttempt(tem, delivery, 'delivered', null, null);
      await tem.getConnection().execute(
        `update channel_deliveries set status = 'delivered', delivered_at = clock_timestamp(), lease_until = null, next_attempt_at = null,
                external_id = ?, last_error_kind = null, last_error = null
          where id = ? and status <> 'delivered'`,
        [externalId, delivery.id],
        'run',
        tem.getTransactionContext(),
      );
      await port.commit(tem);
      if (externalId) await this.linkReceipt(tem, delivery, system, externalId);
    });
  }

  /**
   * The service's id for what it made of a ticket's event (a Teams message, a sheet row) becomes
   * that ticket's reference on this channel, so a later delivery or an inbound change finds it. The
   * first link stands: an id already linked (to this or another ticket) is left as it is.
   */
  private async linkReceipt(tem: EntityManager, delivery: ClaimedDelivery, system: string, externalId: string) {
    const { event } = delivery;
    if (event.aggregateType !== 'ticket' || externalId.trim() === '' || externalId.length > REFERENCE_MAX) return;
    const linked = await tem.execute<Array<{ ticket_id: string }>>(
      `insert into ticket_external_references (channel_id, system, external_id, ticket_id, created_at)
       select ?, ?, ?, t.id, clock_timestamp() from tickets t where t.id::text = ?
       on conflict do nothing returning ticket_id`,
      [delivery.channel_id, system, externalId, event.aggregateId],
    );
    if (linked.length === 0) return;
    tem.create(
      AuditRecordSchema,
      auditRow({
        actor: { system: `connector:${delivery.channel_id}` },
        action: 'ticket.external_reference_linked',
        subjectType: 'ticket',
        subjectId: event.aggregateId,
        after: { channelId: delivery.channel_id, system, externalId, deliveryId: delivery.id },
      }),
    );
  }

  private async failed(em: EntityManager, delivery: ClaimedDelivery, error: ConnectorError): Promise<void> {
    const decision = decideRetry(error, delivery.attempts, this.settings.retry);
    await em.transactional(async (tem) => {
      const connection = tem.getConnection();
      const context = tem.getTransactionContext();
      await this.finishAttempt(tem, delivery, error.kind, error.message, error.retryAfterMs ?? null);
      // Only while the lease is still ours: a worker that took over owns the row now.
      await connection.execute(
        `update channel_deliveries
            set status = ?, lease_until = null, last_error_kind = ?, last_error = ?,
                next_attempt_at = case when ? then clock_timestamp() + make_interval(secs => ?::double precision / 1000) end
          where id = ? and status = 'delivering' and attempts = ?`,
        [
          decision.retry ? 'retrying' : 'dead',
          error.kind,
          error.message,
          decision.retry,
          decision.retry ? decision.delayMs : 0,
          delivery.id,
          delivery.attempts,
        ],
        'run',
        context,
      );
      if (!decision.retry && delivery.event.type !== DELIVERY_DEAD_LETTERED) {
        await connection.execute(
          `insert into outbox_events (id, type, aggregate_type, aggregate_id, payload, occurred_at)
           values (?, ?, 'channel', ?, ?::jsonb, clock_timestamp())`,
          [
            randomUUID(),
            DELIVERY_DEAD_LETTERED,
            delivery.channel_id,
            JSON.stringify({
              deliveryId: delivery.id,
              eventId: delivery.event.id,
              eventType: delivery.event.type,
              attempts: delivery.attempts,
              errorKind: error.kind,
              error: error.message,
              reason: decision.reason,
            } satisfies EventPayload<typeof DELIVERY_DEAD_LETTERED>),
          ],
          'run',
          context,
        );
      }
    });
    if (decision.retry) {
      await this.queue.wake([{ deliveryId: delivery.id, attempt: delivery.attempts + 1, delayMs: decision.delayMs }]);
    } else {
      this.logger.warn(
        `delivery ${delivery.id} of event ${delivery.event.id} dead-lettered: ${error.kind}: ${decision.reason}`,
      );
      if (delivery.event.type === 'ticket.reply_sent') await this.noteUndeliveredReply(delivery, error);
    }
  }

  /**
   * The agent believes the customer got the reply: once its delivery is given up, the ticket says
   * so in an internal note naming the channel and why, so someone reaches the customer another way.
   * After the dead letter committed: a note that cannot be written is logged, never a stuck delivery.
   */
  private async noteUndeliveredReply(delivery: ClaimedDelivery, error: ConnectorError): Promise<void> {
    try {
      await this.em.fork().transactional(async (tem) => {
        const [channel] = await tem.execute<Array<{ name: string }>>(`select name from channels where id = ?`, [
          delivery.channel_id,
        ]);
        await this.ports.forChannel(delivery.channel_id).addEntry(delivery.event.aggregateId, {
          direction: 'internal',
          message: {
            key: 'delivery.reply-undelivered',
            values: { channel: channel?.name ?? delivery.channel_id, error: error.message },
          },
        });
      });
    } catch (noteError) {
      this.logger.error(
        `delivery ${delivery.id}: the undelivered reply could not be noted on its ticket: ${(noteError as Error).message}`,
      );
    }
  }

  private async finishAttempt(
    tem: EntityManager,
    delivery: ClaimedDelivery,
    outcome: string,
    error: string | null,
    retryAfterMs: number | null,
  ): Promise<void> {
    await tem.getConnection().execute(
      `update channel_delivery_attempts set finished_at = clock_timestamp(), outcome = ?, error = ?, retry_after_ms = ?
        where delivery_id = ? and attempt = ?`,
      [outcome, error, retryAfterMs, delivery.id, delivery.attempts],
      'run',
      tem.getTransactionContext(),
    );
  }
}
