import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHANNEL_STATE_LIMITS } from '@escala/connector-kit';
import { ChannelStateStore, ormConfig, StagedChannelState } from '@escala/core';
import { createTestDatabase } from '@escala/db-tools';
import { queryDatabase } from './support/outbox.js';

describe('channel state in PostgreSQL: limits, compare-and-set, staged writes', () => {
  let database: { url: string; drop: () => Promise<void> };
  let orm: MikroORM;
  const store = new ChannelStateStore();
  let channelId: string;

  beforeAll(async () => {
    database = await createTestDatabase(inject('testDatabaseServerUrl'));
    orm = await MikroORM.init(ormConfig({ databaseUrl: database.url, poolMax: 4 }));
    channelId = randomUUID();
    await queryDatabase(
      database.url,
      `insert into channels (id, connector_key, name, settings, secrets_ciphertext, subscription, enabled, created_at, updated_at)
       values ($1, 'test', 'Planilha', '{}', null, '{"eventTypes":[],"tiers":[],"stages":[],"tags":[],"categories":[]}', true, now(), now())`,
      [channelId],
    );
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  it('compares JSON values whatever their key order, and lets one of two writers win', async () => {
    const em = orm.em.fork();
    expect(await store.compareAndSet(em, channelId, 'subscription', null, { id: 's-1', expires: 't1' })).toBe(true);
    const [a, b] = await Promise.all([
      store.compareAndSet(orm.em.fork(), channelId, 'subscription', { expires: 't1', id: 's-1' }, { id: 's-2' }),
      store.compareAndSet(orm.em.fork(), channelId, 'subscription', { expires: 't1', id: 's-1' }, { id: 's-3' }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect([{ id: 's-2' }, { id: 's-3' }]).toContainEqual(await store.read(em, channelId, 'subscription'));
  });

  it('refuses a value over its limit and a channel over its total, with the sizes in the message', async () => {
    const em = orm.em.fork();
    await expect(
      store.write(em, channelId, 'snapshot', 'x'.repeat(CHANNEL_STATE_LIMITS.valueMaxBytes)),
    ).rejects.toMatchObject({
      kind: 'permanent',
      message: expect.stringMatching(/a value may hold at most 262144 bytes/),
    });
    const chunk = 'x'.repeat(CHANNEL_STATE_LIMITS.valueMaxBytes - 100);
    for (let i = 0; i < 4; i++) await store.write(em, channelId, `part-${i}`, chunk);
    await expect(store.write(em, channelId, 'part-4', chunk)).rejects.toMatchObject({
      kind: 'permanent',
      message: expect.stringMatching(/a channel may keep at most 1048576 bytes/),
    });
    await store.write(em, channelId, 'part-0', null);
    await store.write(em, channelId, 'part-4', chunk);
  });

  it('commits staged writes only when told, and fails the commit when a staged compare-and-set lost meanwhile', async () => {
    const staged = new StagedChannelState(store, orm.em.fork(), channelId);
    await staged.put('checkpoint', { lastUid: 41 });
    expect(await staged.get('checkpoint')).toEqual({ lastUid: 41 });
    expect(await store.read(orm.em.fork(), channelId, 'checkpoint')).toBeNull();
    await orm.em.fork().transactional((tx) => staged.commit(tx));
    expect(await store.read(orm.em.fork(), channelId, 'checkpoint')).toEqual({ lastUid: 41 });

    const racing = new StagedChannelState(store, orm.em.fork(), channelId);
    expect(await racing.compareAndSet('checkpoint', { lastUid: 41 }, { lastUid: 42 })).toBe(true);
    await store.write(orm.em.fork(), channelId, 'checkpoint', { lastUid: 50 });
    await expect(orm.em.fork().transactional((tx) => racing.commit(tx))).rejects.toMatchObject({ kind: 'temporary' });
    expect(await store.read(orm.em.fork(), channelId, 'checkpoint')).toEqual({ lastUid: 50 });
  });
});
