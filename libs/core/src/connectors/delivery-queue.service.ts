import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import { CONNECTOR_SETTINGS, type ConnectorSettings } from './connector-settings.js';

export const DELIVERY_QUEUE = 'channel-delivery';

/** Installs (or upgrades) pg-boss's schema and our queue. Part of `npm run migrate`, never of boot. */
export async function installJobQueue(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 2,
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  await boss.start();
  try {
    await boss.createQueue(DELIVERY_QUEUE);
  } finally {
    await boss.stop({ graceful: false });
  }
}

/** One job id per (delivery, attempt): re-sending a wake-up that is already queued does nothing. */
function jobId(deliveryId: string, attempt: number): string {
  const hex = createHash('sha256').update(`${deliveryId}:${attempt}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface Wake {
  deliveryId: string;
  attempt: number;
  delayMs?: number;
}

/**
 * The PostgreSQL job queue that wakes delivery workers. It carries no state of its own worth
 * keeping: `channel_deliveries` is the truth, and a lost job is re-sent by the scheduler.
 */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger(DeliveryQueue.name);
  private boss: PgBoss | undefined;

  constructor(@Inject(CONNECTOR_SETTINGS) private readonly settings: ConnectorSettings) {}

  async start(): Promise<void> {
    const worker = this.settings.roles.includes('worker');
    this.boss = new PgBoss({
      connectionString: this.settings.databaseUrl,
      max: Math.max(2, this.settings.workerConcurrency),
      migrate: false,
      schedule: false,
      supervise: worker,
      // Expiry of jobs whose worker died runs in the monitor pass: keep both near the timeout.
      superviseIntervalSeconds: Math.max(1, Math.ceil(this.settings.deliveryTimeoutSeconds / 2)),
      monitorIntervalSeconds: Math.max(1, Math.ceil(this.settings.deliveryTimeoutSeconds / 2)),
      registerInstance: false,
    });
    this.boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
    await this.boss.start();
  }

  async wake(wakes: Wake[]): Promise<void> {
    if (!this.boss || wakes.length === 0) return;
    await this.boss.insert(
      DELIVERY_QUEUE,
      wakes.map((wake) => ({
        id: jobId(wake.deliveryId, wake.attempt),
        data: { deliveryId: wake.deliveryId },
        startAfter: wake.delayMs ? new Date(Date.now() + wake.delayMs) : undefined,
        // Failed deliveries are retried by us (with Retry-After), as new jobs. pg-boss retries only a
        // job whose worker vanished after fetching it: that job expires and runs again.
        expireInSeconds: this.settings.deliveryTimeoutSeconds * 2,
        retryLimit: 10,
        retryDelay: 0,
      })),
      { returnId: false },
    );
  }

  async work(handle: (deliveryId: string) => Promise<void>): Promise<void> {
    await this.boss!.work<{ deliveryId: string }>(
      DELIVERY_QUEUE,
      {
        pollingIntervalSeconds: this.settings.queuePollSeconds,
        batchSize: 1,
        localConcurrency: this.settings.workerConcurrency,
      },
      async ([job]) => {
        if (job) await handle(job.data.deliveryId);
      },
    );
  }

  async stop(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 5000 });
  }
}
