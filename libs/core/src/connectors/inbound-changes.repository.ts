import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { isConnectorError, type InboundChange } from '@escala/connector-kit';
import { CORE_PORTS, type CorePorts } from './core-ports.js';

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

  private async recorded(tx: EntityManager, channelId: string, key: string): Promise<InboundOutcome> {
    const [row] = await tx.execute<Array<{ outcome: string; error: string | null }>>(
      `select outcome, error from channel_inbound_changes where channel_id = ? and change_key = ?`,
      [channelId, key],
    );
    // Sending a refused change again gets the same answer, so a sender's retries all say why.
    return row?.outcome === 'rejected'
      ? { key, outcome: 'rejected', error: row.error ?? undefined }
      : { key, outcome: 'duplicate' };
  }
}
