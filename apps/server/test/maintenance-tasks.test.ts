import { randomUUID } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import {
  CONNECTOR_CONTRACT_VERSION,
  ConnectorError,
  defineConnector,
  isConnectorError,
  SealedChannelSecrets,
} from '@escala/connector-kit';
import {
  AuditService,
  CallPort,
  ChangeJournal,
  ChannelConfigCodec,
  ChannelHealth,
  ChannelStateStore,
  ConnectorRegistry,
  MaintenanceRunner,
  ormConfig,
  parseSecretKey,
  SecretBox,
  StagedChannelState,
  type CorePorts,
} from '@escala/core';
import { createTestDatabase } from '@escala/db-tools';
import { eventually, queryDatabase } from './support/outbox.js';
import { TEST_SECRET_KEY } from './support/test-app.js';
import { memorySealer } from '@escala/connector-kit/testing';

/** The state of one call, with its sealed secrets in it, as the core's port builds it. */
function state(em: EntityManager, channelId: string) {
  const staged = new StagedChannelState(new ChannelStateStore(), em, channelId);
  return [staged, new SealedChannelSecrets(staged, memorySealer())] as const;
}

/** Renews an outside subscription: counts its renewals in the channel state, can be held or made to fail. */
const upkeep = {
  runs: [] as string[],
  held: Promise.resolve(),
  failNext: false,
};
const renewer = defineConnector({
  key: 'test-renewer',
  displayName: 'Test renewer',
  contractVersion: CONNECTOR_CONTRACT_VERSION,
  configSchema: z.object({}),
  consumes: [],
  maintenance: {
    intervalSeconds: 3600,
    async run({ channelId, port }) {
      upkeep.runs.push(channelId);
      await upkeep.held;
      await port.state.put('renewals', (((await port.state.get('renewals')) as number | null) ?? 0) + 1);
      if (upkeep.failNext) throw ConnectorError.rateLimited('Graph is throttling', 120_000);
    },
  },
  health: async () => ({ status: 'healthy' }),
  translateError: (error) => (isConnectorError(error) ? error : ConnectorError.temporary(String(error))),
});

describe('maintenance tasks: run by the scheduler role, once across instances', () => {
  let database: { url: string; drop: () => Promise<void> };
  const orms: MikroORM[] = [];
  const schedulers: MaintenanceRunner[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(inject('testDatabaseServerUrl'));
    const codec = new ChannelConfigCodec(new SecretBox(parseSecretKey(TEST_SECRET_KEY)));
    // Two scheduler instances: separate connection pools on one database, as two servers would have.
    for (let i = 0; i < 2; i++) {
      const orm = await MikroORM.init(ormConfig({ databaseUrl: database.url, poolMax: 2 }));
      const ports: CorePorts = {
        forChannel: () => {
          throw new Error('a maintenance task applies no inbound changes');
        },
        forCall: (id, em) =>
          new CallPort(
            {
              findTicketByExternalReference: async () => null,
              listExternalReferences: async () => [],
              getTicketSummary: async () => null,
              findUserByExternalIdentity: async () => null,
              listUserIdentities: async () => [],
              findCustomerByEmail: async () => null,
              getExternalTicketFields: async () => {
                throw new Error('a maintenance task reads no ticket fields');
              },
            },
            ...state(em, id),
          ),
      };
      orms.push(orm);
      const health = new ChannelHealth(orm.em, new ChangeJournal(orm.em, new AuditService(orm.em)));
      schedulers.push(new MaintenanceRunner(orm.em, new ConnectorRegistry([renewer]), codec, ports, health));
    }
  });
  afterAll(async () => {
    for (const orm of orms) await orm.close(true);
    await database.drop();
  });

  const addChannel = async () => {
    const id = randomUUID();
    await queryDatabase(
      database.url,
      `insert into channels (id, connector_key, name, settings, secrets_ciphertext, subscription, enabled, created_at, updated_at)
       values ($1, 'test-renewer', $2, '{}', null, '{"eventTypes":[],"tiers":[],"stages":[],"tags":[],"categories":[]}', true, now(), now())`,
      [id, `Graph ${id}`],
    );
    return id;
  };
  const schedule = async (channelId: string) =>
    (
      await queryDatabase<{ renewals: number | null; last_error_kind: string | null; wait_seconds: number }>(
        database.url,
        `select (select value::int from channel_state c where c.channel_id = m.channel_id and key = 'renewals') as renewals,
                last_error_kind, extract(epoch from next_run_at - now())::int as wait_seconds
           from channel_maintenance_states m where channel_id = $1`,
        [channelId],
      )
    )[0]!;

  it('runs a due task on one scheduler while the other, ticking at the same moment, passes it over', async () => {
    const channelId = await addChannel();
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    expect(upkeep.runs.filter((id) => id === channelId)).toHaveLength(1);
    expect(await schedule(channelId)).toMatchObject({ renewals: 1, last_error_kind: null });
    expect((await schedule(channelId)).wait_seconds).toBeGreaterThan(3500);
  });

  it('does not start the task again while it is still running on the other instance', async () => {
    const channelId = await addChannel();
    let release!: () => void;
    upkeep.held = new Promise<void>((resolve) => (release = resolve));
    const first = schedulers[0]!.tick();
    await eventually('the first scheduler to start the task', async () => upkeep.runs.includes(channelId));
    expect(await schedulers[1]!.tick()).toBe(0);
    release();
    await first;
    expect(upkeep.runs.filter((id) => id === channelId)).toHaveLength(1);
    expect(await schedule(channelId)).toMatchObject({ renewals: 1 });
  });

  it('records a failure with its kind, keeps none of the state the failed run wrote, and waits its interval again', async () => {
    const channelId = await addChannel();
    await schedulers[0]!.tick();
    await queryDatabase(
      database.url,
      'update channel_maintenance_states set next_run_at = now() where channel_id = $1',
      [channelId],
    );
    upkeep.failNext = true;
    try {
      await schedulers[1]!.tick();
    } finally {
      upkeep.failNext = false;
    }
    const after = await schedule(channelId);
    expect(after).toMatchObject({ renewals: 1, last_error_kind: 'rate_limited' });
    expect(after.wait_seconds).toBeGreaterThan(3500);
  });
});
