import type { ChannelState } from './channel-state.js';

/**
 * Small secrets a channel keeps for itself (an OAuth token cache, a pending device code): stored
 * sealed with the platform's secret key, bound to the channel, never shown by the API nor logged.
 * Text values; `null` deletes. They commit like the `ChannelState` writes of the same call.
 */
export interface ChannelSecrets {
  get(key: string): Promise<string | null>;
  put(key: string, value: string | null): Promise<void>;
}

/** Seals and opens text; the core's is AES-256-GCM under `ESCALA_SECRET_KEY`, bound to the channel. */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Where a sealed secret lives in the channel's state: a prefix no plain key uses by accident. */
export const SEALED_STATE_PREFIX = 'sealed/';

/** Secrets kept in the channel's state as sealed envelopes, so they commit (or not) with it. */
export class SealedChannelSecrets implements ChannelSecrets {
  constructor(
    private readonly state: ChannelState,
    private readonly sealer: Sealer,
  ) {}

  async get(key: string): Promise<string | null> {
    const sealed = await this.state.get(SEALED_STATE_PREFIX + key);
    return typeof sealed === 'string' ? this.sealer.open(sealed) : null;
  }

  async put(key: string, value: string | null): Promise<void> {
    await this.state.put(SEALED_STATE_PREFIX + key, value === null ? null : this.sealer.seal(value));
  }
}
