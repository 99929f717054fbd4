import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import {
  ConnectorError,
  SealedChannelSecrets,
  defineConnector,
  isConnectorError,
  secret,
  type CorePort,
  type NewTicket,
} from '@escala/connector-kit';
import { InMemoryCorePort, memorySealer } from '@escala/connector-kit/testing';
import {
  CallPort,
  ChannelConfigCodec,
  ChannelStateStore,
  ConnectorRegistry,
  InboundChanges,
  StagedChannelState,
  type CorePorts,
  ormConfig,
  parseSecretKey,
  PollRunner,
  SecretBox,
} from '@escala/core';
import { createTestDatabase } from '@escala/db-tools';
import { queryDatabase } from './support/outbox.js';
import { TEST_SECRET_KEY } from './support/test-app.js';

/** A service with a growing list of items; each poll re-reads one item before the cursor, as real feeds overlap. */
function feedConnector(
  feed: Array<{ key: string; subject: string }>,
  polls: Array<{ cursor: string | null; token: string }>,
) {
  return defineConnector({
    key: 'test-feed',
    displayName: 'Test feed',
    contractVersion: 2,
    configSchema: z.object({ token: secret(z.string()) }),
    consumes: [],
    poll: {
      intervalSeconds: 0,
      async poll({ config, port }, cursor) {
        polls.push({ cursor, token: config.token });
        // State beside the cursor: kept only when the poll's changes were all applied.
        await port.state.put('feed-length', feed.length);
        const from = Math.max(0, Number(cursor ?? 0) - 1);
        return {
          cursor: String(feed.length),
          changes: feed.slice(from).map((item) => ({
            key: item.key,
            apply: async (port: CorePort) => {
              await port.createTicket({
                subject: item.subject,
                body: '',
                externalReference: { system: 'test-feed', id: item.key },
              });
            },
          })),
        };
      },
    },
    health: async () => ({ status: 'healthy' }),
    translateError: (error) => (isConnectorError(error) ? error : ConnectorError.temporary(String(error))),
  });
}

class RecordingPort extends InMemoryCorePort {
  created: NewTicket[] = [];
  refuseNext = 0;
  override async createTicket(ticket: NewTicket) {
    if (this.refuseNext-- > 0) throw ConnectorError.rateLimited('busy', 0);
    if (ticket.subject === 'Sem categoria')
      throw ConnectorError.permanent('refused by the core: category: unknown category');
    this.created.push(ticket);
    return { id: randomUUID() };
  }
}

describe('inbound polls: durable cursor, each change applied once', () => {
  let database: { url: string; drop: () => Promise<void> };
  let orm: MikroORM;
  const feed = [
    { key: 'row-1', subject: 'Erro na emissão de NFS-e' },
    { key: 'row-2', subject: 'Busca NF-e parada' },
  ];
  const polls: Array<{ cursor: string | null; token: string }> = [];
  const connector = feedConnector(feed, polls);
  const codec = new ChannelConfigCodec(new SecretBox(parseSecretKey(TEST_SECRET_KEY)));
  const port = new RecordingPort();
  let runner: PollRunner;
  let channelId: string;

  beforeAll(async () => {
    database = await createTestDatabase(inject('testDatabaseServerUrl'));
    orm = await MikroORM.init(ormConfig({ databaseUrl: database.url, poolMax: 4 }));
    // Changes go to the recording port; the poll's own state is the real store's, staged per call.
    const ports: CorePorts = {
      forChannel: () => port,
      forCall: (id, em) => {
        const state = new StagedChannelState(new ChannelStateStore(), em, id);
        return new CallPort(port, state, new SealedChannelSecrets(state, memorySealer()));
      },
    };
    runner = new PollRunner(
      orm.em,
      new ConnectorRegistry([connector]),
      codec,
      new InboundChanges(orm.em, ports),
      ports,
    );
    channelId = randomUUID();
    const { settings, secretsCiphertext } = codec.encode(connector, channelId, { token: 'feed-token-secret' });
    await queryDatabase(
      database.url,
      `insert into channels (id, connector_key, name, settings, secrets_ciphertext, subscription, enabled, created_at, updated_at)
       values ($1, 'test-feed', 'Planilha de erros', $2, $3, '{"eventTypes":["*"],"tiers":[],"stages":[],"tags":[],"categories":[]}', true, now(), now())`,
      [channelId, settings, secretsCiphertext],
    );
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  const state = async () =>
    (
      await queryDatabase<{ cursor: string | null; last_error_kind: string | null; feed_length: number | null }>(
        database.url,
        `select cursor, last_error_kind,
                (select value::int from channel_state c where c.channel_id = s.channel_id and key = 'feed-length') as feed_length
           from channel_poll_states s where channel_id = $1`,
        [channelId],
      )
    )[0];

  it('polls with no cursor first, hands the connector its decrypted config, and stores the new cursor', async () => {
    expect(await runner.tick()).toBe(1);
    expect(polls).toEqual([{ cursor: null, token: 'feed-token-secret' }]);
    expect(port.created.map((t) => t.subject)).toEqual(['Erro na emissão de NFS-e', 'Busca NF-e parada']);
    expect(await state()).toEqual({ cursor: '2', last_error_kind: null, feed_length: 2 });
  });

  it('resumes from the stored cursor and skips a change it already applied', async () => {
    feed.push({ key: 'row-3', subject: 'Cancelamento' });
    await runner.tick();
    expect(polls.at(-1)!.cursor).toBe('2');
    expect(port.created.map((t) => t.externalReference!.id)).toEqual(['row-1', 'row-2', 'row-3']);
  });

  it('keeps the cursor when applying fails, and applies the change once when it works again', async () => {
    feed.push({ key: 'row-4', subject: 'Homologação bancária' });
    port.refuseNext = 1;
    await runner.tick();
    expect(await state()).toEqual({ cursor: '3', last_error_kind: 'rate_limited', feed_length: 3 });
    await runner.tick();
    expect(await state()).toEqual({ cursor: '4', last_error_kind: null, feed_length: 4 });
    expect(port.created.map((t) => t.externalReference!.id)).toEqual(['row-1', 'row-2', 'row-3', 'row-4']);
  });

  it('records a change the core refuses with the reason, and goes on with the others', async () => {
    feed.push({ key: 'row-5', subject: 'Sem categoria' }, { key: 'row-6', subject: 'Depois da recusa' });
    await runner.tick();
    expect(await state()).toEqual({ cursor: '6', last_error_kind: null, feed_length: 6 });
    expect(port.created.map((t) => t.externalReference!.id)).toEqual(['row-1', 'row-2', 'row-3', 'row-4', 'row-6']);
    const recorded = await queryDatabase(
      database.url,
      `select change_key, outcome, error from channel_inbound_changes where channel_id = $1 and outcome = 'rejected'`,
      [channelId],
    );
    expect(recorded).toEqual([
      { change_key: 'row-5', outcome: 'rejected', error: 'refused by the core: category: unknown category' },
    ]);
    await runner.tick();
    expect(port.created.filter((t) => t.subject === 'Sem categoria')).toEqual([]);
  });

  it('does not poll a disabled channel', async () => {
    await queryDatabase(database.url, 'update channels set enabled = false where id = $1', [channelId]);
    const before = polls.length;
    expect(await runner.tick()).toBe(0);
    expect(polls.length).toBe(before);
  });
});
