import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ChannelSchema } from '../persistence/entities/index.js';
import { ChannelConfigCodec } from './channel-config.js';
import { ConnectorRegistry } from './connector-registry.js';
import { CORE_PORTS, type CorePorts } from './core-ports.js';
import { claimDueChannels } from './due-channels.js';
import { InboundChanges } from './inbound-changes.js';

const BATCH = 20;
const POLL_TIMEOUT_MS = 60_000;

/**
 * Runs the polls of inbound connectors: claims each enabled channel whose poll is due, hands the
 * connector its stored cursor, applies each change not applied before through the core port, and
 * only then stores the new cursor, with the state the poll wrote, in one transaction. A change the core refuses is recorded as rejected and does not
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
    @Inject(CORE_PORTS) private readonly ports: CorePorts,
  ) {}

  async tick(): Promise<number> {
    const polling = this.registry
      .list()
      .filter((definition) => definition.poll)
      .map((definition) => definition.key);
    const due = await claimDueChannels(this.em, 'poll', polling, POLL_TIMEOUT_MS / 1000, BATCH);
    for (const channelId of due) await this.poll(channelId);
    return due.length;
  }

  private async poll(channelId: string): Promise<void> {
    const em = this.em.fork();
    const channel = await em.findOneOrFail(ChannelSchema, { id: channelId }, { populate: ['secretsCiphertext'] });
    const [{ cursor }] = (await em.execute<Array<{ cursor: string | null }>>(
      `select cursor from channel_poll_states where channel_id = ?`,
      [channelId],
    )) as [{ cursor: string | null }];
    const definition = this.registry.get(channel.connectorKey);
    const poller = definition.poll!;
    const connection = em.getConnection();
    const port = this.ports.forCall(channelId, em);
    try {
      const config = definition.configSchema.parse(this.codec.decode(channel));
      const result = await poller.poll(
        { channelId, config, signal: AbortSignal.timeout(POLL_TIMEOUT_MS), port },
        cursor,
      );
      for (const change of result.changes) await this.inbound.apply(channelId, change);
      await em.transactional(async (tx) => {
        await port.commit(tx);
        await tx.execute(
          `update channel_poll_states set cursor = ?, last_polled_at = now(), last_error_kind = null, last_error = null,
                  next_poll_at = now() + make_interval(secs => ?) where channel_id = ?`,
          [result.cursor, poller.intervalSeconds, channelId],
        );
      });
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
