import {
  BadRequestException,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  isConnectorError,
  type ConnectorContext,
  type ConnectorDefinition,
  type InboundChange,
  type WebhookRequest,
} from '@escala/connector-kit';
import { z } from 'zod';
import { ChannelSchema } from '../persistence/entities/index.js';
import { badInput } from '../http/bad-input.js';
import { ChannelConfigCodec } from './channel-config.js';
import { ConnectorRegistry } from './connector-registry.js';
import { InboundChanges, type InboundOutcome } from './inbound-changes.js';

/** Far above any ticket a service sends us, far below what would hurt a worker's memory. */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 30_000;

/**
 * Inbound webhooks, one address per channel. The route is public at the HTTP level: the caller is
 * a service holding no Escala token, and the channel's connector authenticates it (`webhook.verify`,
 * e.g. an HMAC over the raw body). Unknown or disabled channels answer 404, a request that fails
 * verification 401, a body over the limit 413, a body the connector cannot read 400.
 */
@Injectable()
export class InboundWebhooks {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConnectorRegistry,
    private readonly codec: ChannelConfigCodec,
    private readonly inbound: InboundChanges,
  ) {}

  async receive(channelId: string, request: WebhookRequest): Promise<{ changes: InboundOutcome[] }> {
    const { definition, context } = await this.channel(channelId);
    if (Buffer.byteLength(request.rawBody) > WEBHOOK_MAX_BYTES)
      throw new PayloadTooLargeException(`A webhook body may have at most ${WEBHOOK_MAX_BYTES} bytes`);
    const verified = await Promise.resolve(definition.webhook!.verify(context, request)).catch(() => false);
    if (!verified)
      throw new UnauthorizedException("The request could not be verified as coming from this channel's service");
    let changes: InboundChange[];
    try {
      changes = await definition.webhook!.receive(context, request);
    } catch (error) {
      throw badInput({ field: '(body)', message: definition.translateError(error).message });
    }
    const outcomes: InboundOutcome[] = [];
    for (const change of changes) outcomes.push(await this.apply(channelId, change));
    const rejected = outcomes.filter((o) => o.outcome === 'rejected');
    if (rejected.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `Refused ${rejected.length} of ${outcomes.length} change(s); the reasons are recorded on the channel`,
        errors: rejected.map((o) => ({ field: o.key, message: o.error ?? 'refused' })),
        changes: outcomes,
      });
    }
    return { changes: outcomes };
  }

  private async apply(channelId: string, change: InboundChange): Promise<InboundOutcome> {
    try {
      return await this.inbound.apply(channelId, change);
    } catch (error) {
      // Nothing was applied: ask the service to send it again later.
      if (isConnectorError(error)) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }

  private async channel(
    channelId: string,
  ): Promise<{ definition: ConnectorDefinition; context: ConnectorContext<Record<string, unknown>> }> {
    const channel = z.uuid().safeParse(channelId).success
      ? await this.em
          .fork()
          .findOne(ChannelSchema, { id: channelId, enabled: true }, { populate: ['secretsCiphertext'] })
      : null;
    const definition =
      channel && this.registry.has(channel.connectorKey) ? this.registry.get(channel.connectorKey) : null;
    if (!channel || !definition?.webhook)
      throw new NotFoundException('No enabled channel receives webhooks at this address');
    const config = definition.configSchema.parse(this.codec.decode(channel)) as Record<string, unknown>;
    return { definition, context: { channelId, config, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) } };
  }
}
