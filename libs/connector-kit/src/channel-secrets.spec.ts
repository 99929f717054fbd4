import { describe, expect, it } from 'vitest';
import { SEALED_STATE_PREFIX, SealedChannelSecrets } from './channel-secrets.js';
import { InMemoryChannelState, memorySealer } from './testing/in-memory-core-port.js';

describe('SealedChannelSecrets', () => {
  it('keeps a secret sealed in the channel state and opens it again; null deletes it', async () => {
    const state = new InMemoryChannelState();
    const secrets = new SealedChannelSecrets(state, memorySealer());
    await secrets.put('token-cache', '{"refresh":"rt-very-secret"}');
    const stored = await state.get(`${SEALED_STATE_PREFIX}token-cache`);
    expect(typeof stored).toBe('string');
    expect(stored).not.toContain('rt-very-secret');
    expect(await secrets.get('token-cache')).toBe('{"refresh":"rt-very-secret"}');
    await secrets.put('token-cache', null);
    expect(await secrets.get('token-cache')).toBeNull();
    expect(state.values.size).toBe(0);
  });
});
