import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The `channel_poll_states` table: per polling channel, the cursor the connector last handed back,
 * when the next poll is due, and the last failure. Rows appear when `claimDueChannels` first
 * schedules a channel; the poll runner reads and moves them through here.
 */
export const channelPollStates = {
  async cursorOf(em: EntityManager, channelId: string): Promise<string | null> {
    const [state] = await em.execute<Array<{ cursor: string | null }>>(
      `select cursor from channel_poll_states where channel_id = ?`,
      [channelId],
    );
    return state?.cursor ?? null;
  },

  /** A poll that succeeded: its cursor, in the transaction that commits what the poll wrote, and the next poll. */
  async advanced(tx: EntityManager, channelId: string, cursor: string | null, intervalSeconds: number): Promise<void> {
    await tx.execute(
      `update channel_poll_states set cursor = ?, last_polled_at = now(), last_error_kind = null, last_error = null,
              next_poll_at = now() + make_interval(secs => ?), claimed_until = null where channel_id = ?`,
      [cursor, intervalSeconds, channelId],
    );
  },

  /**
   * A poll that failed keeps its old cursor and waits `waitSeconds` before the next try: a wake-up
   * that came meanwhile does not cut the wait short (the next poll reads everything anyway).
   */
  async failed(
    em: EntityManager,
    channelId: string,
    error: { kind: string; message: string },
    waitSeconds: number,
  ): Promise<void> {
    await em.getConnection().execute(
      `update channel_poll_states set last_polled_at = now(), last_error_kind = ?, last_error = ?,
              next_poll_at = now() + make_interval(secs => ?), claimed_until = null, woken_at = null
        where channel_id = ?`,
      [error.kind, error.message, waitSeconds, channelId],
    );
  },

  /** A listener saw a change: the channel's poll is due as soon as no poll of it is running. */
  async woken(em: EntityManager, channelId: string): Promise<void> {
    await em.getConnection().execute(
      `insert into channel_poll_states (channel_id, next_poll_at, woken_at) values (?, now(), now())
       on conflict (channel_id) do update set woken_at = now()`,
      [channelId],
    );
  },

  /**
   * Takes the channel's listener lease, or renews it for its holder; false when another scheduler
   * instance holds it. One listener session per channel across instances; a lease not renewed in
   * time (its holder crashed) can be taken over.
   */
  async holdListener(em: EntityManager, channelId: string, holder: string, seconds: number): Promise<boolean> {
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

  async releaseListener(em: EntityManager, channelId: string, holder: string): Promise<void> {
    await em.getConnection().execute(
      `update channel_poll_states set listener_holder = null, listener_until = null
          where channel_id = ? and listener_holder = ?`,
      [channelId, holder],
    );
  },
};
