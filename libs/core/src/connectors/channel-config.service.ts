import { Injectable } from '@nestjs/common';
import { maskSecrets, SECRET_MASK, secretKeys, splitSecrets, type ConnectorDefinition } from '@escala/connector-kit';
import { Refusal } from '@escala/domain';
import { fieldErrors } from '../http/zod-validation.pipe.js';
import type { Channel } from '../persistence/entities/index.js';
import { SecretBox } from './secret-box.js';

/**
 * Turns an admin's config into what is stored (clear settings + sealed secrets) and back. The only
 * place a channel's secrets are ever in clear: on their way in, and on their way to the connector.
 */
@Injectable()
export class ChannelConfigCodec {
  constructor(private readonly box: SecretBox) {}

  /** Validates against the connector's schema; secrets sent as the mask or left out keep `previous`. */
  encode(
    definition: ConnectorDefinition,
    channelId: string,
    config: Record<string, unknown>,
    previous: Record<string, unknown> = {},
  ) {
    const incoming = { ...config };
    for (const key of secretKeys(definition.configSchema)) {
      if (incoming[key] === undefined || incoming[key] === SECRET_MASK) incoming[key] = previous[key];
    }
    const result = definition.configSchema.safeParse(incoming);
    if (!result.success) {
      const errors = fieldErrors(result.error).map((error) => ({ ...error, field: `config.${error.field}` }));
      throw Refusal.badInput(errors, 'Invalid connector config');
    }
    const { settings, secrets } = splitSecrets(definition.configSchema, result.data as Record<string, unknown>);
    const present = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined));
    return {
      settings,
      secretsCiphertext: Object.keys(present).length > 0 ? this.box.seal(present, channelId) : null,
    };
  }

  /** The full config with secrets in clear, for the connector. Never log or return it. */
  decode(channel: Pick<Channel, 'id' | 'settings' | 'secretsCiphertext'>): Record<string, unknown> {
    const secrets = channel.secretsCiphertext ? this.box.open(channel.secretsCiphertext, channel.id) : {};
    return { ...channel.settings, ...secrets };
  }

  /** What the API shows: settings, and a mask where a secret is set. */
  masked(
    definition: ConnectorDefinition,
    channel: Pick<Channel, 'id' | 'settings' | 'secretsCiphertext'>,
  ): Record<string, unknown> {
    return maskSecrets(definition.configSchema, this.decode(channel));
  }
}
