import { describe, expect, it } from 'vitest';
import { CHANNEL_STATE_LIMITS } from './channel-state.js';
import { InMemoryChannelState } from './testing/in-memory-core-port.js';

describe('channel state rules (as the core store and the in-memory fake apply them)', () => {
  it('puts, reads, deletes with null, and compares values regardless of key order', async () => {
    const state = new InMemoryChannelState();
    expect(await state.get('graph:subscription')).toBeNull();
    expect(await state.compareAndSet('graph:subscription', null, { id: 's-1', expires: 't1' })).toBe(true);
    expect(await state.compareAndSet('graph:subscription', null, { id: 's-2' })).toBe(false);
    expect(await state.compareAndSet('graph:subscription', { expires: 't1', id: 's-1' }, { id: 's-2' })).toBe(true);
    expect(await state.get('graph:subscription')).toEqual({ id: 's-2' });
    await state.put('graph:subscription', null);
    expect(await state.get('graph:subscription')).toBeNull();
  });

  it.each([
    ['an empty key', ''],
    ['a key with spaces', 'my key'],
    ['a key starting with a dot', '.hidden'],
    ['an overlong key', 'k'.repeat(CHANNEL_STATE_LIMITS.keyMaxLength + 1)],
  ])('refuses %s, naming the rule', async (_name, key) => {
    await expect(new InMemoryChannelState().put(key, 1)).rejects.toMatchObject({
      kind: 'permanent',
      message: expect.stringMatching(/key .* is invalid/),
    });
  });

  it('refuses a value over the per-value limit, saying how big it was and what the limit is', async () => {
    const big = 'x'.repeat(CHANNEL_STATE_LIMITS.valueMaxBytes);
    await expect(new InMemoryChannelState().put('snapshot', big)).rejects.toMatchObject({
      kind: 'permanent',
      message: `channel state snapshot would hold ${CHANNEL_STATE_LIMITS.valueMaxBytes + 2} bytes; a value may hold at most ${CHANNEL_STATE_LIMITS.valueMaxBytes} bytes`,
    });
  });

  it('refuses a write that takes the channel over its total, and accepts it once space is freed', async () => {
    const state = new InMemoryChannelState();
    const chunk = 'x'.repeat(CHANNEL_STATE_LIMITS.valueMaxBytes - 10);
    for (let i = 0; i < 4; i++) await state.put(`part-${i}`, chunk);
    await expect(state.put('part-4', chunk)).rejects.toMatchObject({
      kind: 'permanent',
      message: expect.stringContaining(`a channel may keep at most ${CHANNEL_STATE_LIMITS.channelMaxBytes} bytes`),
    });
    await state.put('part-0', null);
    await state.put('part-4', chunk);
  });
});
