import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LISTEN_UNSUPPORTED } from '@escala/connector-kit';
import { ChannelSchema } from '../persistence/entities/index.js';
import { ChannelConfigCodec } from './channel-config.service.js';
import { channelPollStates } from './channel-poll-states.repository.js';
import { ConnectorRegistry } from './connector-registry.js';
import { CONNECTOR_SETTINGS, type ConnectorSettings } from './connector-settings.js';
import { CORE_PORTS, type CorePorts } from './core-ports.js';
import { jitteredBackoffMs } from './retry-policy.js';

/** How often, in scheduler intervals, the channels to listen to are read again and leases renewed. */
const RECONCILE_EVERY = 5;
/** A lease outlives a few missed renewals; past it, another instance may take the channel. */
const LEASE_SECONDS = 30;
const DEFAULT_BACKOFF = { baseMs: 1000, maxMs: 300_000 };

interface Session {
  connectorKey: string;
  /** A digest of the channel's config and sealed secrets when the session began: a change opens a new session. */
  version: string;
  stop: AbortController;
  done: Promise<void>;
}

/**
 * Supervises the listener sessions of polling channels whose connector can listen (IMAP IDLE): one per
 * enabled channel across all scheduler instances (a lease in `channel_poll_states`), opened again
 * after a drop or failure with a jittered exponential back-off that starts over once a session is
 * listening, stopped when the channel is disabled, reconfigured or deleted and on shutdown. A listener
 * only wakes the channel's poll: reading and the cursor stay with the poll runner.
 */
@Injectable()
export class ChannelListeners {
  private readonly logger = new Logger(ChannelListeners.name);
  private readonly holder = randomUUID();
  private readonly sessions = new Map<string, Session>();
  /** Channels whose service cannot push, with the config version that said so. */
  private readonly unsupported = new Map<string, string>();
  private readonly wakes = new Map<string, { again: boolean }>();
  private loop: Promise<void> | undefined;
  private onWake: () => void = () => undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConnectorRegistry,
    private readonly codec: ChannelConfigCodec,
    @Inject(CORE_PORTS) private readonly ports: CorePorts,
    @Inject(CONNECTOR_SETTINGS) private readonly settings: ConnectorSettings,
  ) {}

  /** Runs until `stopping` aborts; `onWake` is told when a channel's poll was brought forward. */
  start(stopping: AbortSignal, onWake: () => void): void {
    this.onWake = onWake;
    this.loop = this.run(stopping);
  }

  /** Resolves when every session has ended after `stopping` aborted. */
  async stopped(): Promise<void> {
    await this.loop;
  }

  /** The channels with a session open in this process (for tests and diagnostics). */
  listening(): string[] {
    return [...this.sessions].filter(([, session]) => !session.stop.signal.aborted).map(([id]) => id);
  }

  private async run(stopping: AbortSignal): Promise<void> {
    while (!stopping.aborted) {
      await this.reconcile().catch((error: Error) => this.logger.error(`listener sessions: ${error.message}`));
      await sleep(RECONCILE_EVERY * this.settings.schedulerIntervalMs, undefined, { signal: stopping }).catch(
        () => undefined,
      );
    }
    for (const session of this.sessions.values()) session.stop.abort();
    await Promise.all([...this.sessions.values()].map((session) => session.done));
  }

  private async reconcile(): Promise<void> {
    const keys = this.registry
      .list()
      .filter((definition) => definition.poll?.listen)
      .map((definition) => definition.key);
    const rows =
      keys.length === 0
        ? []
        : await this.em.getConnection().execute<Array<{ id: string; connector_key: string; version: string }>>(
            // Not updated_at: recording a health check moves it, and that is no reason to reconnect.
            `select id, connector_key, md5(settings::text || coalesce(secrets_ciphertext, '')) as version from channels
              where enabled and connector_key in (select jsonb_array_elements_text(?::jsonb))`,
            [JSON.stringify(keys)],
          );
    const wanted = new Map(rows.map((row) => [row.id, { key: row.connector_key, version: row.version }]));
    for (const [channelId, session] of this.sessions)
      if (wanted.get(channelId)?.version !== session.version) session.stop.abort();
    for (const [channelId, { key, version }] of wanted) {
      const session = this.sessions.get(channelId);
      // One ending is still in `sessions`: the next one waits for it, never two of one channel.
      if (session) {
        if (!session.stop.signal.aborted && !(await this.holdLease(channelId))) session.stop.abort();
        continue;
      }
      if (this.unsupported.get(channelId) === version) continue;
      if (await this.holdLease(channelId)) this.begin(channelId, key, version);
    }
  }

  private async holdLease(channelId: string): Promise<boolean> {
    // A lease we cannot renew may be taken by another instance: stop rather than risk two sessions.
    return channelPollStates.holdListener(this.em, channelId, this.holder, LEASE_SECONDS).catch(() => false);
  }

  private begin(channelId: string, connectorKey: string, version: string): void {
    const stop = new AbortController();
    const session: Session = { connectorKey, version, stop, done: Promise.resolve() };
    session.done = this.supervise(channelId, session)
      .catch((error: Error) => this.logger.error(`channel ${channelId}: listener supervision ended: ${error.message}`))
      .finally(async () => {
        this.sessions.delete(channelId);
        await channelPollStates.releaseListener(this.em, channelId, this.holder).catch(() => undefined);
      });
    this.sessions.set(channelId, session);
  }

  private async supervise(channelId: string, session: Session): Promise<void> {
    const definition = this.registry.get(session.connectorKey);
    const backoff = this.settings.listenerBackoff ?? DEFAULT_BACKOFF;
    const signal = session.stop.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const em = this.em.fork();
        const channel = await em.findOneOrFail(ChannelSchema, { id: channelId }, { populate: ['secretsCiphertext'] });
        const config = definition.configSchema.parse(this.codec.decode(channel));
        const outcome = await definition.poll!.listen!(
          { channelId, config, signal, port: this.ports.forCall(channelId, em) },
          {
            listening: () => {
              failures = 0;
              this.wake(channelId);
            },
            wake: () => this.wake(channelId),
          },
        );
        if (outcome === LISTEN_UNSUPPORTED) {
          this.unsupported.set(channelId, session.version);
          this.logger.log(`channel ${channelId}: the service cannot push changes, polling on its interval`);
          return;
        }
      } catch (raw) {
        if (signal.aborted) return;
        const error = definition.translateError(raw);
        this.logger.warn(`channel ${channelId}: listener failed (${error.kind}): ${error.message}`);
      }
      failures += 1;
      await sleep(jitteredBackoffMs(failures, backoff.baseMs, backoff.maxMs), undefined, { signal }).catch(
        () => undefined,
      );
    }
  }

  /** Coalesced: one write in flight per channel, repeated once if more wake-ups came meanwhile. */
  private wake(channelId: string): void {
    const pending = this.wakes.get(channelId);
    if (pending) {
      pending.again = true;
      return;
    }
    const entry = { again: true };
    this.wakes.set(channelId, entry);
    void (async () => {
      while (entry.again) {
        entry.again = false;
        await channelPollStates
          .woken(this.em, channelId)
          .catch((error: Error) => this.logger.error(`channel ${channelId}: wake-up not recorded: ${error.message}`));
      }
      this.wakes.delete(channelId);
      this.onWake();
    })();
  }
}
