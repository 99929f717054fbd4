import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  isConnectorError,
  webhookResponseProblem,
  type ConnectorContext,
  type ConnectorDefinition,
  type InboundChange,
  type WebhookRequest,
  type WebhookResponse,
  type WebhookResult,
} from '@escala/connector-kit';
import { z } from 'zod';
import { ChannelSchema } from '../persistence/entities/index.js';
import { ChannelConfigCodec } from './channel-config.service.js';
import { ConnectorRegistry } from './connector-registry.js';
import { CORE_PORTS, type CallPort, type CorePorts } from './core-ports.js';
import { InboundChanges, type InboundOutcome } from './inbound-changes.repository.js';
import { Refusal } from '@escala/domain';

/** Far above any ticket a service sends us, far below what would hurt a worker's memory. */
export const WEBHOOK_MAX_BYTES = 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 30_000;

/**
 * Inbound webhooks, one address per channel. The route is public at the HTTP level: the caller is
 * a service holding no Escala token, and the channel's connector authenticates it (`webhook.verify`,
 * e.g. an HMAC over the raw body). Unknown or disabled channels answer 404, a request that fails
 * verification 401, a body over the limit 413, a body the connector cannot read 400. The answer is
 * the outcome of each change as JSON, unless the connector shapes it (Graph's `validationToken`
 * echo); state the connector wrote commits once its changes were applied.
 */
@Injectable()
export class InboundWebhooks {
  constructor(
    private readonly em: EntityManager,
    private readonly registry: ConnectorRegistry,
    private readonly codec: ChannelConfigCodec,
    private readonly inbound: InboundChanges,
    @Inject(CORE_PORTS) private readonly ports: CorePorts,
  ) {}

  async receive(channelId: string, request: WebhookRequest): Promise<WebhookResponse> {
    const em = this.em.fork();
    const { definition, context, port } = await this.channel(em, channelId);
    if (Buffer.byteLength(request.rawBody) > WEBHOOK_MAX_BYTES)
      throw Refusal.payloadTooLarge(`A webhook body may have at most ${WEBHOOK_MAX_BYTES} bytes`);
    const verified = await Promise.resolve(definition.webhook!.verify(context, request)).catch(() => false);
    if (!verified)
      throw Refusal.unauthorized("The request could not be verified as coming from this channel's service");
    let result: WebhookResult;
    try {
      result = await definition.webhook!.receive(context, request);
    } catch (error) {
      throw Refusal.invalid('(body)', definition.translateError(error).message);
    }
    const problem = result.response && webhookResponseProblem(result.response);
    // A connector's bug, not the sender's: nothing is applied, and the sender will try again.
    if (problem) throw new Error(`The channel's connector shaped an answer that cannot be sent: ${problem}`);
    const outcomes: InboundOutcome[] = [];
    for (const change of result.changes) outcomes.push(await this.apply(channelId, change));
    await em.transactional((tx) => port.commit(tx));
    if (result.response) return result.response;
    const rejected = outcomes.filter((o) => o.outcome === 'rejected');
    if (rejected.length > 0) {
      throw Refusal.badInput(
        rejected.map((o) => ({ field: o.key, message: o.error ?? 'refused' })),
        `Refused ${rejected.length} of ${outcomes.length} change(s), the others were applied; the reasons are recorded on the channel`,
      );
    }
    return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ changes: outcomes }) };
  }

  private async apply(channelId: string, change: InboundChange): Promise<InboundOutcome> {
    try {
      return await this.inbound.apply(channelId, change);
    } catch (error) {
      // Nothing was applied: ask the service to send it again later.
      if (isConnectorError(error)) throw Refusal.unavailable(error.message);
      throw error;
    }
  }

  private async channel(
    em: EntityManager,
    channelId: string,
  ): Promise<{ definition: ConnectorDefinition; context: ConnectorContext<Record<string, unknown>>; port: CallPort }> {
    const channel = z.uuid().safeParse(channelId).success
      ? await em.findOne(ChannelSchema, { id: channelId, enabled: true }, { populate: ['secretsCiphertext'] })
      : null;
    const definition =
      channel && this.registry.has(channel.connectorKey) ? this.registry.get(channel.connectorKey) : null;
    if (!channel || !definition?.webhook)
      throw Refusal.notFound('No enabled channel receives webhooks at this address');
    const config = definition.configSchema.parse(this.codec.decode(channel)) as Record<string, unknown>;
    const port = this.ports.forCall(channelId, em);
    return { definition, port, context: { channelId, config, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), port } };
  }
}
