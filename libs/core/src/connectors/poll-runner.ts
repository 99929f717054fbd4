import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ChannelSchema } from '../persistence/entities/index.js';
import { ChannelConfigCodec } from './channel-config.js';
import { ConnectorRegistry } from './connector-registry.js';
import { InboundChanges } from './inbound-changes.js';

const BATCH = 20;
const POLL_TIMEOUT_MS = 60_000;

/**
 * Runs the polls of inbound connectors: claims each enabled channel whose poll is due, hands the
 * connector its stored cursor, applies each change not applied before through the core port, and
 * only then stores the new cursor. A change the core refuses is recorded as rejected and does not
 * hold the others up. A failed poll keeps the old cursor and waits its interval (or the service's
 * Retry-After); changes it had already applied are skipped on the next run.
 */
@Injectable()
export class PollRunner {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConnectorRegistry,
    private readonly codec: ChannelConfigCodec,
    private readonly inbound: InboundChanges,
  ) {}

  async tick(): Promise<number> {
    const polling = this.registry
      .list()
      .filter((definition) => definition.poll)
      .map((definition) => definition.key);
    if (polling.length === 0) return 0;
    const connection = this.em.getConnection();
    await connection.execute(
      `insert into channel_poll_states (channel_id, next_poll_at)
       select id, now() from channels where enabled and connector_key in (select jsonb_array_elements_text(?::jsonb))
       on conflict do nothing`,
      [JSON.stringify(polling)],
    );
    // Claiming pushes next_poll_at ahead, so another scheduler instance does not poll it meanwhile.
    const due = await connection.execute<Array<{ channel_id: string; cursor: string | null }>>(
      `update channel_poll_states set next_poll_at = now() + make_interval(secs => ?)
        where channel_id in (
          select s.channel_id from channel_poll_states s join channels c on c.id = s.channel_id
           where c.enabled and s.next_poll_at <= now() order by s.next_poll_at limit ? for update of s skip locked)
        returning channel_id, cursor`,
      [POLL_TIMEOUT_MS / 1000, BATCH],
    );
    for (const { channel_id, cursor } of due) await this.poll(channel_id, cursor);
    return due.length;
  }

  private async poll(channelId: string, cursor: string | null): Promise<void> {
    const em = this.em.fork();
    const channel = await em.findOneOrFail(ChannelSchema, { id: channelId }, { populate: ['secretsCiphertext'] });
    const definition = this.registry.get(channel.connectorKey);
    const poller = definition.poll!;
    const connection = em.getConnection();
    try {
      const config = definition.configSchema.parse(this.codec.decode(channel));
      const result = await poller.poll({ channelId, config, signal: AbortSignal.timeout(POLL_TIMEOUT_MS) }, cursor);
      for (const change of result.changes) await this.inbound.apply(channelId, change);
      await connection.execute(
        `update channel_poll_states set cursor = ?, last_polled_at = now(), last_error_kind = null, last_error = null,
                next_poll_at = now() + make_interval(secs => ?) where channel_id = ?`,
        [result.cursor, poller.intervalSeconds, channelId],
      );
    } catch (raw) {
      const error = definition.translateError(raw);
      const waitSeconds = Math.max(poller.intervalSeconds, (error.retryAfterMs ?? 0) / 1000);
      await connection.execute(
        `update channel_poll_states set last_polled_at = now(), last_error_kind = ?, last_error = ?,
                next_poll_at = now() + make_interval(secs => ?) where channel_id = ?`,
        [error.kind, error.message, waitSeconds, channelId],
      );
    }
  }
}
