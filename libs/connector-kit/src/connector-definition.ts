import type { z } from 'zod';
import type { ConnectorError } from './connector-error.js';
import type { ConnectorEvent } from './connector-event.js';
import type { ChannelPort, CorePort } from './core-port.js';

/**
 * Bumped when the contract changes incompatibly; the host refuses plugins built for another one.
 * 2: the context carries the channel's port (reads and state), webhooks see the method and query
 * and may shape the answer, connectors may declare a maintenance task.
 */
export const CONNECTOR_CONTRACT_VERSION = 2;

export interface ConnectorContext<Config> {
  channelId: string;
  /** Validated, secrets decrypted. Never log it. */
  config: Config;
  /** Aborted when the platform gives up waiting (delivery timeout, shutdown). */
  signal: AbortSignal;
  /** Reads of the core and this channel's state, in every call. */
  port: ChannelPort;
}

export interface DeliveryRequest {
  event: ConnectorEvent;
  /** Stable per (event, channel): hand it to the service so a repeated attempt has no second effect. */
  idempotencyKey: string;
  /** 1 for the first try. */
  attempt: number;
}

export interface DeliveryReceipt {
  /** The service's id for what was created (message id, row key), when it returns one. */
  externalId?: string;
}

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface HealthReport {
  status: HealthStatus;
  detail?: string;
}

/** A change from outside. `key` is unique per change: the platform applies each key once per channel. */
export interface InboundChange {
  key: string;
  apply(port: CorePort): Promise<void>;
}

export interface PollResult {
  changes: InboundChange[];
  /** Stored by the platform after the changes are applied, handed back on the next poll. */
  cursor: string | null;
}

/** What a poller's listener tells the platform while its session lasts. */
export interface PollWakeUp {
  /**
   * The session is set up and watching. The platform starts its reconnection back-off over, and
   * polls once: something may have arrived while no session was open.
   */
  listening(): void;
  /** The service reported a change: the platform polls the channel soon. Cheap; calls are coalesced. */
  wake(): void;
}

/** A listener's session ended because the service cannot push changes: the channel stays on its interval. */
export const LISTEN_UNSUPPORTED = 'unsupported';

export interface Poller<Config> {
  intervalSeconds: number;
  poll(context: ConnectorContext<Config>, cursor: string | null): Promise<PollResult>;
  /**
   * Optional push for a poller (IMAP IDLE, a streaming API): one long-lived session per channel,
   * kept by the scheduler, that only says *when* to poll. The poll stays the only reader, so the
   * cursor is still stored only after its changes committed. Resolve when the session ended (the
   * platform opens a new one after a back-off), resolve `LISTEN_UNSUPPORTED` when the service
   * cannot push (not tried again until the channel's config changes), throw on failure (back-off).
   * End promptly when `context.signal` aborts (shutdown, channel disabled or changed). The port is
   * for reads: state written here is not kept.
   */
  listen?(context: ConnectorContext<Config>, wakeUp: PollWakeUp): Promise<void | typeof LISTEN_UNSUPPORTED>;
}

export interface WebhookRequest {
  /** `POST` or `GET` (some services check the address with a GET before they send). */
  method: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** The query string, parsed; a name given twice keeps every value. */
  query: Record<string, string | string[]>;
  rawBody: string;
}

/**
 * What the service is answered, when its protocol asks for something particular (Microsoft Graph's
 * `validationToken` echo: 200, `text/plain`, the token). Without it the platform answers with JSON
 * listing each change's outcome, or 400 when the core refused some.
 */
export interface WebhookResponse {
  /** 200–299. */
  status: number;
  /** `text/plain` or `application/json`, optionally with a charset. */
  contentType: string;
  /** At most 64 KiB. */
  body: string;
}

export interface WebhookResult {
  changes: InboundChange[];
  /** The answer to the service; the core's refusals of changes are then recorded, not answered. */
  response?: WebhookResponse;
}

export interface WebhookReceiver<Config> {
  /** Checks the request really comes from the service (signature, shared secret); false answers 401. */
  verify(context: ConnectorContext<Config>, request: WebhookRequest): boolean | Promise<boolean>;
  receive(context: ConnectorContext<Config>, request: WebhookRequest): Promise<WebhookResult>;
}

/**
 * Periodic upkeep of a channel (renewing Graph subscriptions before they expire, refreshing a
 * token cache): run by the scheduler role about every `intervalSeconds`, by one instance at a time.
 * A failure is recorded on the channel and retried at the next interval.
 */
export interface MaintenanceTask<Config> {
  intervalSeconds: number;
  run(context: ConnectorContext<Config>): Promise<void>;
}

/**
 * A step an admin runs on a channel from the admin API (`POST /channels/{id}/actions/{name}`), such
 * as starting a device-code sign-in and showing its code. What it answers goes back to the admin
 * (never secrets); what it wrote to state and secrets commits when it returns.
 */
export interface ChannelAction<Config> {
  /** One line for the API's list of a connector's actions. */
  description: string;
  run(context: ConnectorContext<Config>): Promise<Record<string, unknown>>;
}

/** What a connector plugin exports. One package, one definition. */
export interface ConnectorDefinition<Schema extends z.ZodObject = z.ZodObject> {
  key: string;
  displayName: string;
  contractVersion: typeof CONNECTOR_CONTRACT_VERSION;
  /** Validated when an admin saves a channel; mark credentials with `secret()`. */
  configSchema: Schema;
  /** Event types a channel of this connector may subscribe to; `*` for any. */
  consumes: readonly string[];
  deliver?(context: ConnectorContext<z.output<Schema>>, request: DeliveryRequest): Promise<DeliveryReceipt>;
  poll?: Poller<z.output<Schema>>;
  webhook?: WebhookReceiver<z.output<Schema>>;
  maintenance?: MaintenanceTask<z.output<Schema>>;
  /** Admin steps by name (lower-case letters, digits and -), e.g. `sign-in`. */
  actions?: Readonly<Record<string, ChannelAction<z.output<Schema>>>>;
  /** "Test connection": checks the service with this config. Reports problems, does not throw. */
  health(context: ConnectorContext<z.output<Schema>>): Promise<HealthReport>;
  /** The one place vendor errors become our vocabulary. Must return a ConnectorError for anything. */
  translateError(error: unknown): ConnectorError;
}

/** Identity function that lets TypeScript infer the config type from the schema. */
export function defineConnector<Schema extends z.ZodObject>(
  definition: ConnectorDefinition<Schema>,
): ConnectorDefinition<Schema> {
  return definition;
}

/** A loose runtime check for what a plugin package exports, before trusting it. */
export function isConnectorDefinition(value: unknown): value is ConnectorDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ConnectorDefinition>;
  return (
    typeof candidate.key === 'string' &&
    typeof candidate.displayName === 'string' &&
    typeof candidate.contractVersion === 'number' &&
    typeof candidate.health === 'function' &&
    typeof candidate.translateError === 'function' &&
    Array.isArray(candidate.consumes) &&
    typeof candidate.configSchema === 'object'
  );
}
