import type { Sealer } from '@escala/connector-kit';
import type { SecretBox } from './secret-box.js';

/**
 * A channel's own secrets (`port.secrets`: token caches, device codes) are sealed like its config
 * secrets, bound to the channel and to this use, so an envelope moved to another channel or into the
 * config does not open.
 */
export function channelSecretsSealer(box: SecretBox, channelId: string): Sealer {
  const boundTo = `${channelId}:secrets`;
  return {
    seal: (plain) => box.seal({ value: plain }, boundTo),
    open: (sealed) => String(box.open(sealed, boundTo).value),
  };
}
