import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ChannelSchema } from '../persistence/entities/index.js';
import type { ConnectorErrorKind } from '@escala/connector-kit';
import { ChannelConfigCodec } from './channel-config.service.js';
import { ChannelHealth } from './channel-health.service.js';
import { ConnectorRegistry } from './connector-registry.js';
import { CORE_PORTS, type CorePorts } from './core-ports.js';
import { claimDueChannels } from './due-channels.js';

const BATCH = 20;
const NEEDS_A_PERSON: ReadonlySet<ConnectorErrorKind> = new Set([
  'authentication',
  'permission',
  'invalid_configuration',
]);
/** How long a task may run; past it another scheduler may start it again. */
const TASK_TIMEOUT_MS = 5 * 60_000;

/**
 * Runs connectors' maintenance tasks (renewing Graph subscriptions, …) on the scheduler role: each
 * enabled channel's task about every `intervalSeconds`, claimed so that one instance runs it at a
 * time. Success commits the state the task wrote with the next due time; a failure is recorded on
 * the channel and waits the interval (or the service's Retry-After) like a poll.
 */
@Injectable()
export class MaintenanceRunner {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConnectorRegistry,
    private readonly codec: ChannelConfigCodec,
    @Inject(CORE_PORTS) private readonly ports: CorePorts,
    private readonly health: ChannelHealth,
  ) {}

  async tick(): Promise<number> {
    const keys = this.registry
      .list()
      .filter((definition) => definition.maintenance)
      .map((definition) => definition.key);
    const due = await claimDueChannels(this.em, 'maintenance', keys, TASK_TIMEOUT_MS / 1000, BATCH);
    for (const channelId of due) await this.run(channelId);
    return due.length;
  }

  private async run(channelId: string): Promise<void> {
    const em = this.em.fork();
    const channel = await em.findOneOrFail(ChannelSchema, { id: channelId }, { populate: ['secretsCiphertext'] });
    const definition = this.registry.get(channel.connectorKey);
    const task = definition.maintenance!;
    const port = this.ports.forCall(channelId, em);
    try {
      const config = definition.configSchema.parse(this.codec.decode(channel));
      await task.run({ channelId, config, signal: AbortSignal.timeout(TASK_TIMEOUT_MS), port });
      await em.transactional(async (tx) => {
        await port.commit(tx);
        await tx.execute(
          `update channel_maintenance_states set last_run_at = now(), last_error_kind = null, last_error = null,
                  next_run_at = now() + make_interval(secs => ?) where channel_id = ?`,
          [task.intervalSeconds, channelId],
        );
      });
    } catch (raw) {
      const error = definition.translateError(raw);
      // Credentials or configuration a person must fix: say so on the channel, loudly.
      if (NEEDS_A_PERSON.has(error.kind))
        await this.health.record(channelId, { status: 'unhealthy', detail: error.message });
      await em.execute(
        `update channel_maintenance_states set last_run_at = now(), last_error_kind = ?, last_error = ?,
                next_run_at = now() + make_interval(secs => ?) where channel_id = ?`,
        [error.kind, error.message, Math.max(task.intervalSeconds, (error.retryAfterMs ?? 0) / 1000), channelId],
      );
    }
  }
}
