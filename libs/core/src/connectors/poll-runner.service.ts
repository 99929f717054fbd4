import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ChannelSchema } from '../persistence/entities/index.js';
import { ChannelConfigCodec } from './channel-config.service.js';
import { channelPollStates } from './channel-poll-states.repository.js';
import { ConnectorRegistry } from './connector-registry.js';
import { CORE_PORTS, type CorePorts } from './core-ports.js';
import { claimDueChannels } from './due-channels.js';
import { InboundChanges } from './inbound-changes.repository.js';

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
    const cursor = await channelPollStates.cursorOf(em, channelId);
    const definition = this.registry.get(channel.connectorKey);
    const poller = definition.poll!;
    const port = this.ports.forCall(channelId, em);
    try {
      const config = definition.configSchema.parse(this.codec.decode(channel));
      const result = await poller.poll(
        { channelId, config, signal: AbortSignal.timeout(POLL_TIMEOUT_MS), port },
        cursor,
      );
      await this.inbound.applyAll(channelId, result.changes);
      await em.transactional(async (tx) => {
        await port.commit(tx);
        await channelPollStates.advanced(tx, channelId, result.cursor, poller.intervalSeconds);
      });
    } catch (raw) {
      const error = definition.translateError(raw);
      const waitSeconds = Math.max(poller.intervalSeconds, (error.retryAfterMs ?? 0) / 1000);
      await channelPollStates.failed(em, channelId, error, waitSeconds);
    }
  }
}
