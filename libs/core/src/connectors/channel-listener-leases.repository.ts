import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Which scheduler instance holds a channel's listener session (columns of `channel_poll_states`):
 * one at a time across any number of instances. A lease not renewed in time (the holder crashed)
 * can be taken over.
 */
export const channelListenerLeases = {
  /** Takes the lease, or renews it for its holder; false when another instance holds it. */
  async hold(em: EntityManager, channelId: string, holder: string, seconds: number): Promise<boolean> {
    const connection = em.getConnection();
    await connection.execute(
      `insert into channel_poll_states (channel_id, next_poll_at) values (?, now()) on conflict do nothing`,
      [channelId],
    );
    const held = await connection.execute<Array<{ channel_id: string }>>(
      `update channel_poll_states set listener_holder = ?, listener_until = now() + make_interval(secs => ?)
        where channel_id = ? and (listener_holder is null or listener_holder = ? or listener_until < now())
        returning channel_id`,
      [holder, seconds, channelId, holder],
    );
    return held.length === 1;
  },

  async release(em: EntityManager, channelId: string, holder: string): Promise<void> {
    await em.getConnection().execute(
      `update channel_poll_states set listener_holder = null, listener_until = null
          where channel_id = ? and listener_holder = ?`,
      [channelId, holder],
    );
  },
};
