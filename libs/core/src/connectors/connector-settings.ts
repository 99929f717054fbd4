import type { RetrySettings } from './retry-policy.js';

export const PROCESS_ROLES = ['api', 'scheduler', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** How the connector platform runs in this process; the server fills it from its configuration. */
export interface ConnectorSettings {
  databaseUrl: string;
  /** `scheduler` fans outbox events out to channels and re-queues due deliveries; `worker` delivers. */
  roles: readonly ProcessRole[];
  retry: RetrySettings;
  /** How long one delivery may run before another worker may take it over. */
  deliveryTimeoutSeconds: number;
  /** Pause between scheduler ticks when there was nothing to do. */
  schedulerIntervalMs: number;
  /** Waits before a dropped listener session is opened again: doubling from `baseMs`, at most `maxMs`. */
  listenerBackoff?: { baseMs: number; maxMs: number };
  /** How often an idle worker asks the queue for jobs. */
  queuePollSeconds: number;
  workerConcurrency: number;
  /** `ESCALA_PUBLIC_URL`, without a trailing slash: the ticket summaries' deep links start with it. */
  publicUrl: string;
}

export const CONNECTOR_SETTINGS = Symbol('ConnectorSettings');
