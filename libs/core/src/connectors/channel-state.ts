import type { EntityManager } from '@mikro-orm/postgresql';
import {
  checkStateWrite,
  ConnectorError,
  sameStateValue,
  type ChannelState,
  type JsonValue,
} from '@escala/connector-kit';
import type { ChannelStateStore } from './channel-state.repository.js';

/** State written straight into the current transaction: what an inbound change's port carries. */
export class TransactionalChannelState implements ChannelState {
  constructor(
    private readonly store: ChannelStateStore,
    private readonly em: EntityManager,
    private readonly channelId: string,
  ) {}

  get(key: string): Promise<JsonValue> {
    return this.store.read(this.em, this.channelId, key);
  }

  put(key: string, value: JsonValue): Promise<void> {
    return this.store.write(this.em, this.channelId, key, value);
  }

  compareAndSet(key: string, expected: JsonValue, value: JsonValue): Promise<boolean> {
    return this.store.compareAndSet(this.em, this.channelId, key, expected, value);
  }
}

type StagedWrite = { key: string; value: JsonValue } & ({ checked: false } | { checked: true; expected: JsonValue });

/**
 * State written outside an inbound change (deliver, poll, webhook receive, health, maintenance):
 * writes are kept and committed with the outcome of the call (`commit`), so a failed call leaves
 * the state as it was. Reads see the call's own writes. A compare-and-set is decided again at
 * commit: if another instance changed the key meanwhile, the commit fails as `temporary`.
 */
export class StagedChannelState implements ChannelState {
  private readonly staged = new Map<string, JsonValue>();
  private readonly writes: StagedWrite[] = [];

  constructor(
    private readonly store: ChannelStateStore,
    private readonly em: EntityManager,
    private readonly channelId: string,
  ) {}

  async get(key: string): Promise<JsonValue> {
    return this.staged.has(key)
      ? structuredClone(this.staged.get(key)!)
      : this.store.read(this.em, this.channelId, key);
  }

  async put(key: string, value: JsonValue): Promise<void> {
    checkStateWrite(key, value);
    this.staged.set(key, structuredClone(value));
    this.writes.push({ key, value: structuredClone(value), checked: false });
  }

  async compareAndSet(key: string, expected: JsonValue, value: JsonValue): Promise<boolean> {
    checkStateWrite(key, value);
    if (!sameStateValue(await this.get(key), expected)) return false;
    this.staged.set(key, structuredClone(value));
    this.writes.push({ key, value: structuredClone(value), checked: true, expected: structuredClone(expected) });
    return true;
  }

  /** Forgets the staged writes: the call they belong to failed. */
  discard(): void {
    this.staged.clear();
    this.writes.length = 0;
  }

  /** Applies the staged writes in order on `tx` (the transaction of the call's outcome). */
  async commit(tx: EntityManager): Promise<void> {
    for (const write of this.writes) {
      if (!write.checked) {
        await this.store.write(tx, this.channelId, write.key, write.value);
        continue;
      }
      if (!(await this.store.compareAndSet(tx, this.channelId, write.key, write.expected, write.value)))
        throw ConnectorError.temporary(`channel state ${write.key} was changed by another instance meanwhile`);
    }
    this.writes.length = 0;
  }
}
