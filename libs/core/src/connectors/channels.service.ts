import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { ConnectorError, HealthReport } from '@escala/connector-kit';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { ChannelSchema, type Channel, type ChannelSubscription } from '../persistence/entities/index.js';
import { ChannelConfigCodec } from './channel-config.service.js';
import type { CreateChannelInput, UpdateChannelInput } from './channel.schemas.js';
import { ConnectorRegistry } from './connector-registry.js';
import { CORE_PORTS, type CorePorts } from './core-ports.js';
import { ChannelHealth } from './channel-health.service.js';
import { probeHealth } from './health-probe.js';
import { Refusal } from '@escala/domain';

/** How long an admin step may take before the admin gets an answer. */
const ACTION_TIMEOUT_MS = 30_000;

/** A connector's refusal of an admin step, as the API answers it. */
function refusalOf(error: ConnectorError): Refusal {
  if (error.kind === 'rate_limited')
    return Refusal.tooManyRequests(error.message, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
  if (error.kind === 'temporary') return Refusal.unavailable(error.message);
  return Refusal.conflict(`The channel's configuration does not allow this: ${error.message}`);
}

/** Admins' channels: a connector, its config (secrets sealed), a subscription, an enabled flag. */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly registry: ConnectorRegistry,
    private readonly codec: ChannelConfigCodec,
    @Inject(CORE_PORTS) private readonly ports: CorePorts,
    private readonly health: ChannelHealth,
  ) {}

  view(channel: Channel) {
    const installed = this.registry.has(channel.connectorKey);
    return {
      id: channel.id,
      connector: channel.connectorKey,
      connectorInstalled: installed,
      name: channel.name,
      config: installed ? this.codec.masked(this.registry.get(channel.connectorKey), channel) : channel.settings,
      subscription: channel.subscription,
      enabled: channel.enabled,
      health: {
        status: channel.healthStatus ?? 'unknown',
        detail: channel.healthDetail ?? null,
        checkedAt: channel.healthCheckedAt ?? null,
      },
      createdAt: channel.createdAt,
      updatedAt: channel.updatedAt,
    };
  }

  async create(actor: Actor, input: CreateChannelInput): Promise<Channel> {
    const definition = this.registry.get(input.connector);
    this.checkSubscribable(input.connector, input.subscription);
    const id = randomUUID();
    const channel = this.em.create(ChannelSchema, {
      id,
      connectorKey: input.connector,
      name: input.name,
      ...this.codec.encode(definition, id, input.config),
      subscription: input.subscription,
      enabled: input.enabled,
      healthStatus: null,
      healthDetail: null,
      healthCheckedAt: null,
    });
    this.audit.record({
      actor,
      action: 'channel.created',
      subjectType: 'channel',
      subjectId: id,
      after: this.view(channel),
    });
    await this.flushNamed(input.name);
    return channel;
  }

  async update(actor: Actor, id: string, input: UpdateChannelInput): Promise<Channel> {
    const channel = await this.get(id);
    const before = this.view(channel);
    if (input.subscription) this.checkSubscribable(channel.connectorKey, input.subscription);
    if (input.config) {
      this.em.assign(
        channel,
        this.codec.encode(this.registry.get(channel.connectorKey), id, input.config, this.codec.decode(channel)),
      );
    }
    this.em.assign(channel, {
      name: input.name ?? channel.name,
      subscription: input.subscription ?? channel.subscription,
      enabled: input.enabled ?? channel.enabled,
    });
    this.audit.record({
      actor,
      action: 'channel.updated',
      subjectType: 'channel',
      subjectId: id,
      before,
      after: this.view(channel),
    });
    await this.flushNamed(channel.name);
    return channel;
  }

  /** "Test connection": runs the connector's own check with the stored config and keeps the result. */
  async test(id: string): Promise<HealthReport> {
    const channel = await this.get(id);
    const port = this.ports.forCall(channel.id, this.em);
    const report = await probeHealth(
      this.registry.get(channel.connectorKey),
      channel.id,
      () => this.codec.decode(channel),
      port,
    );
    await this.em.transactional((tx) => port.commit(tx));
    await this.health.record(channel.id, report);
    return report;
  }

  /**
   * Runs a connector's admin step (the Teams device-code sign-in) with the stored config. Its
   * state and secrets commit with the audit record of the run; its answer goes to the admin.
   */
  async runAction(actor: Actor, id: string, name: string): Promise<Record<string, unknown>> {
    const channel = await this.get(id);
    const definition = this.registry.get(channel.connectorKey);
    const action = definition.actions && Object.hasOwn(definition.actions, name) ? definition.actions[name] : undefined;
    if (!action)
      throw Refusal.notFound(
        `The connector ${channel.connectorKey} has no action "${name}"; it has: ${Object.keys(definition.actions ?? {}).join(', ') || 'none'}`,
      );
    const port = this.ports.forCall(channel.id, this.em);
    let answer: Record<string, unknown>;
    try {
      const config = definition.configSchema.parse(this.codec.decode(channel));
      answer = await action.run({
        channelId: channel.id,
        config,
        signal: AbortSignal.timeout(ACTION_TIMEOUT_MS),
        port,
      });
    } catch (raw) {
      throw refusalOf(definition.translateError(raw));
    }
    await this.em.transactional(async (tx) => {
      await port.commit(tx);
      this.audit.record({
        actor,
        action: 'channel.action_run',
        subjectType: 'channel',
        subjectId: channel.id,
        after: { action: name, status: typeof answer.status === 'string' ? answer.status : null },
      });
      await tx.flush();
    });
    return answer;
  }

  async get(id: string): Promise<Channel> {
    const channel = await this.em.findOne(ChannelSchema, { id }, { populate: ['secretsCiphertext'] });
    if (!channel) throw Refusal.notFound(`No channel with id ${id}`);
    return channel;
  }

  list(): Promise<Channel[]> {
    return this.em.find(ChannelSchema, {}, { orderBy: { name: 'asc' }, populate: ['secretsCiphertext'] });
  }

  private checkSubscribable(connectorKey: string, subscription: ChannelSubscription): void {
    const consumes = this.registry.get(connectorKey).consumes;
    if (consumes.includes('*')) return;
    const refused = subscription.eventTypes.filter((type) => !consumes.includes(type));
    if (refused.length > 0) {
      throw Refusal.badInput(
        [{ field: 'subscription.eventTypes', message: `accepted: ${consumes.join(', ')}` }],
        `The connector ${connectorKey} does not consume ${refused.join(', ')}`,
      );
    }
  }

  private async flushNamed(name: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw Refusal.conflict(`A channel named "${name}" already exists`);
      throw error;
    }
  }
}
