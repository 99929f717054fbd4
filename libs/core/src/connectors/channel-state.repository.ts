import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CHANNEL_STATE_LIMITS,
  channelStateFull,
  checkStateWrite,
  stateValueBytes,
  type JsonValue,
} from '@escala/connector-kit';

/**
 * The `channel_state` table. Every method runs on the entity manager it is given, so a write lands
 * in the caller's transaction (an inbound change's, a delivery outcome's).
 */
@Injectable()
export class ChannelStateStore {
  async read(em: EntityManager, channelId: string, key: string): Promise<JsonValue> {
    const [row] = await em.execute<Array<{ value: JsonValue }>>(
      `select value from channel_state where channel_id = ? and key = ?`,
      [channelId, key],
    );
    return row?.value ?? null;
  }

  /**
   * Writes `value` (`null` deletes), within the per-value and per-channel limits. The channel's room
   * is checked by the write itself: one round trip; only a refused write reads the total again, to
   * say how full the channel is.
   */
  async write(em: EntityManager, channelId: string, key: string, value: JsonValue): Promise<void> {
    checkStateWrite(key, value);
    if (value === null) {
      await em.execute(`delete from channel_state where channel_id = ? and key = ?`, [channelId, key]);
      return;
    }
    const bytes = stateValueBytes(value);
    const written = await em.execute(
      `insert into channel_state (channel_id, key, value, bytes, updated_at)
       select ?, ?, ?::jsonb, ?, now()
        where (select coalesce(sum(bytes), 0) from channel_state where channel_id = ? and key <> ?) + ? <= ?
       on conflict (channel_id, key) do update set value = excluded.value, bytes = excluded.bytes, updated_at = now()
       returning key`,
      [channelId, key, JSON.stringify(value), bytes, channelId, key, bytes, CHANNEL_STATE_LIMITS.channelMaxBytes],
    );
    if (written.length > 0) return;
    await this.checkRoom(em, channelId, key, value);
    // Room was made meanwhile (another write shrank or deleted a key): write again.
    await this.write(em, channelId, key, value);
  }

  /**
   * Writes only while the key holds `expected` (`null`: absent), decided by PostgreSQL in one
   * statement — jsonb equality ignores key order — so two instances cannot both win.
   */
  async compareAndSet(
    em: EntityManager,
    channelId: string,
    key: string,
    expected: JsonValue,
    value: JsonValue,
  ): Promise<boolean> {
    await this.checkRoom(em, channelId, key, value);
    const json = JSON.stringify(value);
    const bytes = stateValueBytes(value);
    const rows = await (expected === null
      ? value === null
        ? em
            .execute(`select 1 from channel_state where channel_id = ? and key = ?`, [channelId, key])
            .then((found) => (found.length === 0 ? [{}] : []))
        : em.execute(
            `insert into channel_state (channel_id, key, value, bytes, updated_at) values (?, ?, ?::jsonb, ?, now())
             on conflict (channel_id, key) do nothing returning key`,
            [channelId, key, json, bytes],
          )
      : value === null
        ? em.execute(`delete from channel_state where channel_id = ? and key = ? and value = ?::jsonb returning key`, [
            channelId,
            key,
            JSON.stringify(expected),
          ])
        : em.execute(
            `update channel_state set value = ?::jsonb, bytes = ?, updated_at = now()
              where channel_id = ? and key = ? and value = ?::jsonb returning key`,
            [json, bytes, channelId, key, JSON.stringify(expected)],
          ));
    return rows.length > 0;
  }

  private async checkRoom(em: EntityManager, channelId: string, key: string, value: JsonValue): Promise<void> {
    checkStateWrite(key, value);
    if (value === null) return;
    const [{ others }] = (await em.execute<Array<{ others: string }>>(
      `select coalesce(sum(bytes), 0) as others from channel_state where channel_id = ? and key <> ?`,
      [channelId, key],
    )) as [{ others: string }];
    const total = Number(others) + stateValueBytes(value);
    if (total > CHANNEL_STATE_LIMITS.channelMaxBytes) throw channelStateFull(key, total);
  }
}
