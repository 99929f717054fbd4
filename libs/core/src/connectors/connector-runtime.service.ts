import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelListeners } from './channel-listeners.service.js';
import { CONNECTOR_SETTINGS, type ConnectorSettings } from './connector-settings.js';
import { DeliveryQueue } from './delivery-queue.service.js';
import { DeliveryWorker } from './delivery-worker.service.js';
import { MaintenanceRunner } from './maintenance-runner.service.js';
import { OutboxDispatcher } from './outbox-dispatcher.service.js';
import { PollRunner } from './poll-runner.service.js';
import { SecretBox, SecretKeyError } from './secret-box.js';

/** Starts what this process's roles ask for: the scheduler loop, the delivery workers, or neither. */
@Injectable()
export class ConnectorRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConnectorRuntime.name);
  private loop: Promise<void> | undefined;
  private stopping = new AbortController();
  /** Aborted to cut the scheduler's idle pause short: a listener brought a poll forward. */
  private nudge = new AbortController();

  constructor(
    private readonly em: EntityManager,
    private readonly box: SecretBox,
    private readonly queue: DeliveryQueue,
    private readonly dispatcher: OutboxDispatcher,
    private readonly worker: DeliveryWorker,
    private readonly polls: PollRunner,
    private readonly maintenance: MaintenanceRunner,
    private readonly listeners: ChannelListeners,
    @Inject(CONNECTOR_SETTINGS) private readonly settings: ConnectorSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refuseUnreadableSecrets();
    const { roles } = this.settings;
    if (!roles.includes('scheduler') && !roles.includes('worker')) return;
    await this.queue.start();
    if (roles.includes('worker')) await this.queue.work((deliveryId) => this.worker.deliver(deliveryId));
    if (roles.includes('scheduler')) {
      this.loop = this.schedule();
      this.listeners.start(this.stopping.signal, () => this.nudge.abort());
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.listeners.stopped();
    await this.queue.stop();
  }

  private async schedule(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const found =
        (await this.dispatcher.tick().catch((error: Error) => this.report('outbox dispatch', error))) +
        (await this.polls.tick().catch((error: Error) => this.report('inbound polls', error))) +
        (await this.maintenance.tick().catch((error: Error) => this.report('maintenance tasks', error)));
      if (found === 0)
        await sleep(this.settings.schedulerIntervalMs, undefined, {
          signal: AbortSignal.any([signal, this.nudge.signal]),
        }).catch(() => undefined);
      if (this.nudge.signal.aborted) this.nudge = new AbortController();
    }
  }

  private report(what: string, error: Error): number {
    this.logger.error(`${what} failed: ${error.message}`);
    return 0;
  }

  /**
   * Secrets sealed with a key this server does not have would be lost on the first save: refuse to
   * start instead, naming the key, so the operator restores it or sets ESCALA_SECRET_KEY_PREVIOUS.
   */
  private async refuseUnreadableSecrets(): Promise<void> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<Array<{ key_id: string; channels: string }>>(
        `select split_part(secrets_ciphertext, '.', 2) as key_id, count(*) as channels from channels
        where secrets_ciphertext is not null group by 1`,
      );
    const unreadable = rows.filter((row) => !this.box.canOpen(`v1.${row.key_id}.`));
    if (unreadable.length > 0) {
      const list = unreadable.map((row) => `${row.channels} channel(s) sealed with key ${row.key_id}`).join(', ');
      throw new SecretKeyError(
        `Cannot read connector secrets: ${list}. Set ESCALA_SECRET_KEY to that key, or keep it in ESCALA_SECRET_KEY_PREVIOUS and run npm run secrets:rotate.`,
      );
    }
  }
}
