import type { EntityManager } from '@mikro-orm/postgresql';
import { SEALED_STATE_PREFIX } from '@escala/connector-kit';
import { ChannelSchema } from '../persistence/entities/index.js';
import { channelSecretsSealer } from './channel-secrets-sealer.js';
import { ChannelStateStore } from './channel-state.repository.js';
import type { SecretBox } from './secret-box.js';

export interface RotatedSecrets {
  /** Channels whose config secrets were re-sealed. */
  channels: number;
  /** Secrets channels keep for themselves (`port.secrets`: token caches) that were re-sealed. */
  channelSecrets: number;
}

/**
 * Key rotation: re-seals every sealed secret with the current key, in one transaction — each
 * channel's config secrets and the secrets channels keep in their state. The box must also hold the
 * previous key(s) to open what was sealed before. Returns how many changed.
 */
export async function rotateChannelSecrets(em: EntityManager, box: SecretBox): Promise<RotatedSecrets> {
  return em.fork().transactional(async (tem) => {
    const channels = await tem.find(
      ChannelSchema,
      { secretsCiphertext: { $ne: null } },
      { populate: ['secretsCiphertext'] },
    );
    let rotated = 0;
    for (const channel of channels) {
      if (box.sealedWith(channel.secretsCiphertext!) === box.currentKeyId) continue;
      channel.secretsCiphertext = box.seal(box.open(channel.secretsCiphertext!, channel.id), channel.id);
      rotated++;
    }
    return { channels: rotated, channelSecrets: await rotateStateSecrets(tem, box) };
  });
}

async function rotateStateSecrets(em: EntityManager, box: SecretBox): Promise<number> {
  const sealed = await em.execute<Array<{ channel_id: string; key: string; value: string }>>(
    `select channel_id, key, value from channel_state
      where starts_with(key, ?) and jsonb_typeof(value) = 'string' for update`,
    [SEALED_STATE_PREFIX],
  );
  const store = new ChannelStateStore();
  let rotated = 0;
  for (const { channel_id: channelId, key, value } of sealed) {
    if (box.sealedWith(value) === box.currentKeyId) continue;
    const sealer = channelSecretsSealer(box, channelId);
    await store.compareAndSet(em, channelId, key, value, sealer.seal(sealer.open(value)));
    rotated++;
  }
  return rotated;
}
