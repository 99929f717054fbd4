import { ConnectorError } from './connector-error.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A channel's own small key–value store: a sheet snapshot, a mailbox checkpoint, Graph subscription
 * ids. Values are JSON; `null` means absent (writing `null` deletes the key).
 *
 * When writes commit:
 * - inside `InboundChange.apply`: in the change's transaction, with what the change does;
 * - from `poll`: with the new cursor, once every change was applied;
 * - from `deliver`: with the delivery's outcome, and only when the delivery succeeded — a failed
 *   attempt leaves the state as it was, like everything else it did in Escala;
 * - from webhook `verify`/`receive`, `health` and maintenance tasks: when the call returns without
 *   throwing.
 * Reads see the call's own staged writes. A `compareAndSet` is checked again when it commits: if
 * another instance changed the key meanwhile, the whole call fails as `temporary` and is retried.
 */
export interface ChannelState {
  get(key: string): Promise<JsonValue>;
  put(key: string, value: JsonValue): Promise<void>;
  /** Writes `value` only while the key holds `expected` (`null`: only while absent); says whether it wrote. */
  compareAndSet(key: string, expected: JsonValue, value: JsonValue): Promise<boolean>;
}

export const CHANNEL_STATE_LIMITS = {
  keyMaxLength: 200,
  /** A value, as JSON text in UTF-8. */
  valueMaxBytes: 256 * 1024,
  /** Every value of one channel together. */
  channelMaxBytes: 1024 * 1024,
} as const;

const KEY = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/** The size a value takes in the store; 0 for `null` (absent). */
export function stateValueBytes(value: JsonValue): number {
  return value === null ? 0 : new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Checks a write against the key rules and the per-value limit, before anything is stored. */
export function checkStateWrite(key: string, value: JsonValue): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > CHANNEL_STATE_LIMITS.keyMaxLength || !KEY.test(key))
    throw ConnectorError.permanent(
      `channel state key ${JSON.stringify(key)} is invalid: 1–${CHANNEL_STATE_LIMITS.keyMaxLength} characters of letters, digits and . _ : / -, starting with a letter or digit`,
    );
  if (value === undefined)
    throw ConnectorError.permanent(`channel state ${key}: undefined is not JSON; write null to delete`);
  const bytes = stateValueBytes(value);
  if (bytes > CHANNEL_STATE_LIMITS.valueMaxBytes)
    throw ConnectorError.permanent(
      `channel state ${key} would hold ${bytes} bytes; a value may hold at most ${CHANNEL_STATE_LIMITS.valueMaxBytes} bytes`,
    );
}

/** The refusal when a write would take the channel's state over its total limit. */
export function channelStateFull(key: string, totalBytes: number): ConnectorError {
  return ConnectorError.permanent(
    `channel state ${key}: the channel's state would hold ${totalBytes} bytes; a channel may keep at most ${CHANNEL_STATE_LIMITS.channelMaxBytes} bytes — delete keys it no longer needs`,
  );
}

/** JSON equality as the store compares values (key order does not matter). */
export function sameStateValue(a: JsonValue, b: JsonValue): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`)
    .join(',')}}`;
}
