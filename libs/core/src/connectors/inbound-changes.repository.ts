import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { isConnectorError, type InboundChange } from '@escala/connector-kit';
import { CORE_PORTS, type CorePorts } from './core-ports.js';

/**
 * Changes committed per transaction by `applyAll`. Ten already bring a change's share of `begin`,
 * claim and `commit` from three round trips to a third of one; more would hold the chunk's ticket
 * rows locked longer (an agent replying waits for the chunk) and re-apply more after a refusal.
 */
const CHUNK = 10;

export interface InboundOutcome {
  key: string;
  /** `duplicate`: this channel had applied the key before; nothing was done again. */
  outcome: 'applied' | 'duplicate' | 'rejected';
  error?: string;
}

/**
 * Applies inbound changes, from polls and webhooks alike, once per (channel, key). The key is claimed
 * in the transaction that applies the change, so a crash between the two cannot apply it twice, and a
 * concurrent copy waits on the claimed row, then finds it taken. A change the core refuses (bad
 * data, unknown ticket) is recorded as rejected with why; any other failure rolls back and is
 * thrown, to be retried.
 */
@Injectable()
export class InboundChanges {
  constructor(
    private readonly em: EntityManager,
    @Inject(CORE_PORTS) private readonly ports: CorePorts,
  ) {}

  async apply(channelId: string, change: InboundChange): Promise<InboundOutcome> {
    const port = this.ports.forChannel(channelId);
    try {
      return await this.em.fork().transactional(async (tx) => {
        const claimed = await tx.execute(
          `insert into channel_inbound_changes (channel_id, change_key, applied_at) values (?, ?, now()) on conflict do nothing returning change_key`,
          [channelId, change.key],
        );
        if (claimed.length === 0) return this.recorded(tx, channelId, change.key);
        await change.apply(port);
        return { key: change.key, outcome: 'applied' as const };
      });
    } catch (error) {
      if (!isConnectorError(error) || error.retryable) throw error;
      await this.em
        .fork()
        .execute(
          `insert into channel_inbound_changes (channel_id, change_key, applied_at, outcome, error) values (?, ?, now(), 'rejected', ?) on conflict do nothing`,
          [channelId, change.key, error.message],
        );
      return { key: change.key, outcome: 'rejected', error: error.message };
    }
  }

  /**
   * Applies a poll's changes, `CHUNK` to a transaction: one statement claims a chunk's keys, the
   * claimed changes are applied in turn and commit together. Per-change transactions cost a
   * `begin`, a claim and a `commit` each, round trips that were most of a mail's intake. When
   * the core refuses one change of a chunk, the chunk is rolled back and applied again one change
   * per transaction, so the refusal is recorded on its own and the others still go in. Any other
   * failure rolls the chunk back and is thrown; the chunks committed before it stay applied.
   */
  async applyAll(channelId: string, changes: InboundChange[]): Promise<InboundOutcome[]> {
    const outcomes: InboundOutcome[] = [];
    for (let start = 0; start < changes.length; start += CHUNK) {
      const chunk = changes.slice(start, start + CHUNK);
      const applied = await this.applyChunk(channelId, chunk);
      if (applied) outcomes.push(...applied);
      else for (const change of chunk) outcomes.push(await this.apply(channelId, change));
    }
    return outcomes;
  }

  /** The chunk's outcomes, or null when the core refused one of its changes and nothing was committed. */
  private async applyChunk(channelId: string, chunk: InboundChange[]): Promise<InboundOutcome[] | null> {
    const port = this.ports.forChannel(channelId);
    try {
      return await this.em.fork().transactional(async (tx) => {
        const keys = chunk.map((change) => change.key);
        const claimed = new Set(
          (
            await tx.execute<Array<{ change_key: string }>>(
              `insert into channel_inbound_changes (channel_id, change_key, applied_at)
               select ?, key, now() from jsonb_array_elements_text(?::jsonb) as key on conflict do nothing returning change_key`,
              [channelId, JSON.stringify(keys)],
            )
          ).map((row) => row.change_key),
        );
        const earlier = claimed.size < new Set(keys).size ? await this.recordedAll(tx, channelId, keys) : new Map();
        const outcomes: InboundOutcome[] = [];
        for (const change of chunk) {
          if (!claimed.delete(change.key)) {
            outcomes.push(earlier.get(change.key) ?? { key: change.key, outcome: 'duplicate' });
            continue;
          }
          await change.apply(port);
          outcomes.push({ key: change.key, outcome: 'applied' });
          // Each change's work is flushed by the port's own transactions: a clear identity map keeps the next one's merge cheap.
          await tx.flush();
          tx.clear();
        }
        return outcomes;
      });
    } catch (error) {
      if (isConnectorError(error) && !error.retryable) return null;
      throw error;
    }
  }

  /** The newest changes a channel received, with the refused ones' reasons. */
  async recent(channelId: string, limit: number) {
    const rows = await this.em
      .fork()
      .execute<Array<{ change_key: string; outcome: string; error: string | null; applied_at: Date }>>(
        `select change_key, outcome, error, applied_at from channel_inbound_changes where channel_id = ? order by applied_at desc, change_key limit ?`,
        [channelId, limit],
      );
    return rows.map((row) => ({
      key: row.change_key,
      outcome: row.outcome,
      error: row.error,
      receivedAt: row.applied_at,
    }));
  }

  /** The recorded outcomes of keys claimed before (by an earlier poll, or earlier in the same chunk). */
  private async recordedAll(
    tx: EntityManager,
    channelId: string,
    keys: string[],
  ): Promise<Map<string, InboundOutcome>> {
    const rows = await tx.execute<Array<{ change_key: string; outcome: string; error: string | null }>>(
      `select change_key, outcome, error from channel_inbound_changes where channel_id = ? and change_key in (select jsonb_array_elements_text(?::jsonb))`,
      [channelId, JSON.stringify(keys)],
    );
    return new Map(
      rows.map((row) => [
        row.change_key,
        row.outcome === 'rejected'
          ? { key: row.change_key, outcome: 'rejected' as const, error: row.error ?? undefined }
          : { key: row.change_key, outcome: 'duplicate' as const },
      ]),
    );
  }

  private async recorded(tx: EntityManager, channelId: string, key: string): Promise<InboundOutcome> {
    // Sending a refused change again gets the same answer, so a sender's retries all say why.
    return (await this.recordedAll(tx, channelId, [key])).get(key) ?? { key, outcome: 'duplicate' };
  }
}
