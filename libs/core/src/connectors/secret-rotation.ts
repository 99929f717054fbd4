import type { EntityManager } from '@mikro-orm/postgresql';
import { ChannelSchema } from '../persistence/entities/index.js';
import type { SecretBox } from './secret-box.js';

/**
 * Key rotation: re-seals every channel's secrets with the current key, in one transaction. The box
 * must also hold the previous key(s) to open what was sealed before. Returns how many changed.
 */
export async function rotateChannelSecrets(em: EntityManager, box: SecretBox): Promise<number> {
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
    return rotated;
  });
}
