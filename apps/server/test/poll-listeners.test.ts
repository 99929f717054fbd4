import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import {
  ConnectorError,
  LISTEN_UNSUPPORTED,
  SealedChannelSecrets,
  defineConnector,
  isConnectorError,
  secret,
  type PollWakeUp,
} from '@escala/connector-kit';
import { InMemoryCorePort, memorySealer } from '@escala/connector-kit/testing';
import {
  CallPort,
  ChannelConfigCodec,
  ChannelListeners,
  ChannelStateStore,
  ConnectorRegistry,
  InboundChanges,
  StagedChannelState,
  type ConnectorSettings,
  type CorePorts,
  ormConfig,
  parseSecretKey,
  PollRunner,
  SecretBox,
} from '@escala/core';
import { createTestDatabase } from '@escala/db-tools';
import { eventually, queryDatabase } from './support/outbox.js';
import { TEST_SECRET_KEY } from './support/test-app.js';

/** A service that pushes: each open session can be told of new items, dropped, or failed. */
class PushService {
  readonly items: string[] = [];
  canPush = true;
  attempts = 0;
  opened = 0;
  open = 0;
  mostOpenAtOnce = 0;
  private sessions: Array<{ wakeUp: PollWakeUp; end(error?: Error): void }> = [];

  add(subject: string, { push }: { push: boolean }): void {
    this.items.push(subject);
    if (push) for (const session of this.sessions) session.wakeUp.wake();
  }

  dropAll(error?: Error): void {
    for (const session of this.sessions.splice(0)) session.end(error);
  }

  async listen(signal: AbortSignal, wakeUp: PollWakeUp): Promise<void | typeof LISTEN_UNSUPPORTED> {
    this.attempts += 1;
    if (!this.canPush) return LISTEN_UNSUPPORTED;
    this.opened += 1;
    this.open += 1;
    this.mostOpenAtOnce = Math.max(this.mostOpenAtOnce, this.open);
    try {
      await new Promise<void>((resolve, reject) => {
        const session = { wakeUp, end: (error?: Error) => (error ? reject(error) : resolve()) };
        this.sessions.push(session);
        signal.addEventListener('abort', () => {
          this.sessions = this.sessions.filter((other) => other !== session);
          resolve();
        });
        wakeUp.listening();
      });
    } finally {
      this.open -= 1;
    }
  }
}

function pushConnector(service: PushService) {
  return defineConnector({
    key: 'test-push',
    displayName: 'Test push',
    contractVersion: 2,
    configSchema: z.object({ token: secret(z.string()), label: z.string().optional() }),
    consumes: [],
    poll: {
      // Ten minutes: anything polled sooner was brought forward by a wake-up.
      intervalSeconds: 600,
      async poll(_context, cursor) {
        const from = Number(cursor ?? 0);
        return {
          cursor: String(service.items.length),
          changes: service.items.slice(from).map((subject, index) => ({
            key: `item-${from + index}`,
            apply: async (port) => {
              await port.createTicket({ subject, body: '' });
            },
          })),
        };
      },
      listen: ({ signal }, wakeUp) => service.listen(signal, wakeUp),
    },
    health: async () => ({ status: 'healthy' }),
    translateError: (error) => (isConnectorError(error) ? error : ConnectorError.temporary(String(error))),
  });
}

describe('poll listeners: one supervised session per channel that brings polls forward', () => {
  let database: { url: string; drop: () => Promise<void> };
  let orm: MikroORM;
  const service = new PushService();
  const connector = pushConnector(service);
  const registry = new ConnectorRegistry([connector]);
  const codec = new ChannelConfigCodec(new SecretBox(parseSecretKey(TEST_SECRET_KEY)));
  const port = new InMemoryCorePort();
  const settings: ConnectorSettings = {
    databaseUrl: '',
    roles: ['scheduler'],
    retry: { maxAttempts: 3, backoffBaseMs: 20, backoffMaxMs: 100 },
    deliveryTimeoutSeconds: 2,
    schedulerIntervalMs: 20,
    listenerBackoff: { baseMs: 20, maxMs: 200 },
    queuePollSeconds: 1,
    workerConcurrency: 1,
    publicUrl: 'http://127.0.0.1',
  };
  let runner: PollRunner;
  let channelId: string;
  const schedulers: Array<{ listeners: ChannelListeners; stop: AbortController }> = [];
  let polling = Promise.resolve();

  /** A scheduler instance: its listener supervisor, and its poll runner woken by it. */
  const startScheduler = () => {
    const listeners = new ChannelListeners(orm.em, registry, codec, ports(), settings);
    const stop = new AbortController();
    listeners.start(stop.signal, () => {
      polling = polling.then(() => runner.tick().then(() => undefined));
    });
    schedulers.push({ listeners, stop });
    return { listeners, stop };
  };
  const ports = (): CorePorts => ({
    forChannel: () => port,
    forCall: (id, em) => {
      const state = new StagedChannelState(new ChannelStateStore(), em, id);
      return new CallPort(port, state, new SealedChannelSecrets(state, memorySealer()));
    },
  });
  const subjects = () => port.tickets.map((ticket) => ticket.input.subject);
  const pollState = async () =>
    (
      await queryDatabase<{ cursor: string | null; later: boolean; holder: string | null }>(
        database.url,
        `select cursor, next_poll_at > now() + interval '9 minutes' as later, listener_holder as holder
           from channel_poll_states where channel_id = $1`,
        [channelId],
      )
    )[0];

  beforeAll(async () => {
    database = await createTestDatabase(inject('testDatabaseServerUrl'));
    orm = await MikroORM.init(ormConfig({ databaseUrl: database.url, poolMax: 6 }));
    runner = new PollRunner(orm.em, registry, codec, new InboundChanges(orm.em, ports()), ports());
    channelId = randomUUID();
    const { settings: stored, secretsCiphertext } = codec.encode(connector, channelId, { token: 'push-token' });
    await queryDatabase(
      database.url,
      `insert into channels (id, connector_key, name, settings, secrets_ciphertext, subscription, enabled, created_at, updated_at)
       values ($1, 'test-push', 'Caixa', $2, $3, '{"eventTypes":["*"],"tiers":[],"stages":[],"tags":[],"categories":[]}', true, now(), now())`,
      [channelId, stored, secretsCiphertext],
    );
  });
  afterAll(async () => {
    for (const { listeners, stop } of schedulers) {
      stop.abort();
      await listeners.stopped();
    }
    await polling;
    await orm.close(true);
    await database.drop();
  });

  it('opens a session, polls once when it listens, and a pushed item is polled though the interval is ten minutes away', async () => {
    service.add('Antes da sessão', { push: false });
    startScheduler();
    await eventually(
      'the first poll, started by the session listening',
      async () => (await pollState())?.cursor === '1',
    );
    expect(service.open).toBe(1);
    expect((await pollState())!.later).toBe(true);
    service.add('Chegou durante o IDLE', { push: true });
    await eventually('the pushed item on a ticket', async () => subjects().includes('Chegou durante o IDLE'));
    expect(subjects()).toEqual(['Antes da sessão', 'Chegou durante o IDLE']);
  });

  it('opens the session again after a drop and after a failure, and polls what arrived while none was open', async () => {
    const opened = service.opened;
    service.dropAll();
    service.add('Enquanto caiu', { push: false });
    await eventually('the item that arrived while no session was open', async () =>
      subjects().includes('Enquanto caiu'),
    );
    expect(service.opened).toBe(opened + 1);
    service.dropAll(ConnectorError.temporary('connection reset'));
    service.add('Depois da falha', { push: false });
    await eventually('the item after the failure', async () => subjects().includes('Depois da falha'));
    expect(service.opened).toBe(opened + 2);
    expect(subjects().filter((subject) => subject === 'Enquanto caiu')).toHaveLength(1);
  });

  it('never opens a second session of the channel, even from a second scheduler instance', async () => {
    const first = schedulers[0]!;
    const second = startScheduler();
    const opened = service.opened;
    // The second instance reconciles while the first holds the lease: it stays out.
    await eventually('the second instance to have looked', async () =>
      (await pollState())!.holder !== null && second.listeners.listening().length === 0 ? true : undefined,
    );
    first.stop.abort();
    await first.listeners.stopped();
    await eventually('the second instance to take the channel over', async () =>
      second.listeners.listening().includes(channelId),
    );
    await eventually('its session open', async () => service.open === 1);
    expect(service.opened).toBe(opened + 1);
    expect(service.mostOpenAtOnce).toBe(1);
  });

  it('ends the session when the channel is disabled, and opens one when it is enabled again', async () => {
    const { listeners } = schedulers[1]!;
    await queryDatabase(database.url, `update channels set enabled = false, updated_at = now() where id = $1`, [
      channelId,
    ]);
    await eventually('the session to end', async () => service.open === 0 && listeners.listening().length === 0);
    await queryDatabase(database.url, `update channels set enabled = true, updated_at = now() where id = $1`, [
      channelId,
    ]);
    await eventually('a session again', async () => service.open === 1);
    expect(service.mostOpenAtOnce).toBe(1);
  });

  it('leaves a channel whose service cannot push on its interval until its config changes', async () => {
    const { listeners } = schedulers[1]!;
    service.canPush = false;
    service.dropAll();
    await eventually('the listener to find out', async () => listeners.listening().length === 0);
    const attempts = service.attempts;
    // Several reconcile passes later, it has not tried again.
    const passes = async (count: number) => {
      for (let i = 0; i < count; i++)
        await new Promise((resolve) => setTimeout(resolve, settings.schedulerIntervalMs * 5));
    };
    await passes(4);
    expect(service.attempts).toBe(attempts);
    service.canPush = true;
    await queryDatabase(
      database.url,
      `update channels set settings = settings || '{"label":"nova"}'::jsonb, updated_at = now() where id = $1`,
      [channelId],
    );
    await eventually('a session for the changed config', async () => service.open === 1);
  });

  it('keeps the session through a write that is not the config (a health check recorded)', async () => {
    const opened = service.opened;
    await queryDatabase(
      database.url,
      `update channels set health_status = 'healthy', health_checked_at = now(), updated_at = now() where id = $1`,
      [channelId],
    );
    await new Promise((resolve) => setTimeout(resolve, settings.schedulerIntervalMs * 5 * 4));
    expect(service.opened).toBe(opened);
    expect(service.open).toBe(1);
  });

  it('ends every session on shutdown', async () => {
    const { listeners, stop } = schedulers[1]!;
    stop.abort();
    await listeners.stopped();
    expect(service.open).toBe(0);
    expect((await pollState())!.holder).toBeNull();
  });

  it('a wake-up during a running poll waits for it, then brings the next poll forward', async () => {
    await queryDatabase(
      database.url,
      `update channel_poll_states set claimed_until = now() + interval '1 minute', woken_at = now(),
              next_poll_at = now() + interval '10 minutes' where channel_id = $1`,
      [channelId],
    );
    expect(await runner.tick(), 'no second poll beside the running one').toBe(0);
    await queryDatabase(database.url, `update channel_poll_states set claimed_until = null where channel_id = $1`, [
      channelId,
    ]);
    expect(await runner.tick(), 'the woken poll once the other ended').toBe(1);
    expect(await runner.tick(), 'the wake-up was taken by that poll').toBe(0);
  });
});
