import { Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { secretKeys } from '@escala/connector-kit';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, ValidBody, ValidQuery } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { CreateChannelBody, DeliveryLogQuery, InboundLogQuery, UpdateChannelBody } from './channel.schemas.js';
import { ChannelsService } from './channels.service.js';
import { ConnectorRegistry } from './connector-registry.js';
import { DeliveryLog } from './delivery-log.repository.js';
import { InboundChanges } from './inbound-changes.repository.js';
import {
  ChannelResponse,
  ChannelsResponse,
  ConnectorsResponse,
  DeliveriesResponse,
  HealthResponse,
} from './channels.responses.js';

const IdParam = () => Param('id', new ZodValidationPipe(z.uuid()));

@ApiTags('connectors')
@ApiBearerAuth()
@Controller()
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly registry: ConnectorRegistry,
    private readonly log: DeliveryLog,
    private readonly inbound: InboundChanges,
  ) {}

  @Get('connectors')
  @ApiZodResponse(ConnectorsResponse)
  @Allow('admin')
  @ApiOperation({ summary: 'Installed connectors, with the JSON Schema of their config (secret fields are writeOnly)' })
  connectors() {
    return {
      items: this.registry.list().map((definition) => ({
        key: definition.key,
        displayName: definition.displayName,
        contractVersion: definition.contractVersion,
        consumes: definition.consumes,
        produces: { poll: Boolean(definition.poll), webhook: Boolean(definition.webhook) },
        actions: Object.entries(definition.actions ?? {}).map(([name, action]) => ({
          name,
          description: action.description,
        })),
        secretFields: secretKeys(definition.configSchema),
        configSchema: z.toJSONSchema(definition.configSchema, { io: 'input', unrepresentable: 'any' }),
      })),
    };
  }

  @Get('channels')
  @ApiZodResponse(ChannelsResponse)
  @Allow('admin')
  @ApiOperation({ summary: 'Channels with their last known health; secrets masked' })
  async list() {
    return { items: (await this.channels.list()).map((channel) => this.channels.view(channel)) };
  }

  @Post('channels')
  @ApiZodResponse(ChannelResponse, 201)
  @Allow('admin')
  @ApiOperation({ summary: 'Create a channel: connector + config + subscription + enabled' })
  @ApiZodBody(CreateChannelBody)
  async create(
    @CurrentPrincipal() actor: Principal,
    @ValidBody(CreateChannelBody) body: z.infer<typeof CreateChannelBody>,
  ) {
    return this.channels.view(await this.channels.create(actor, body));
  }

  @Get('channels/:id')
  @ApiZodResponse(ChannelResponse)
  @Allow('admin')
  @ApiOperation({ summary: 'One channel; secrets masked' })
  async get(@IdParam() id: string) {
    return this.channels.view(await this.channels.get(id));
  }

  @Patch('channels/:id')
  @ApiZodResponse(ChannelResponse)
  @Allow('admin')
  @ApiOperation({
    summary: 'Change name, config, subscription, or enable/disable; a secret sent masked keeps its value',
  })
  @ApiZodBody(UpdateChannelBody)
  async update(
    @CurrentPrincipal() actor: Principal,
    @IdParam() id: string,
    @ValidBody(UpdateChannelBody) body: z.infer<typeof UpdateChannelBody>,
  ) {
    return this.channels.view(await this.channels.update(actor, id, body));
  }

  @Post('channels/:id/test')
  @ApiZodResponse(HealthResponse, 201)
  @Allow('admin')
  @ApiOperation({
    summary: "Test connection: runs the connector's own check against the service and records the result",
  })
  test(@IdParam() id: string) {
    return this.channels.test(id);
  }

  @Post('channels/:id/actions/:action')
  @Allow('admin')
  @ApiOperation({
    summary:
      "Runs a connector's admin step on a channel (Microsoft Teams: sign-in, sign-in-status for the device-code onboarding) and answers what it says",
  })
  runAction(
    @CurrentPrincipal() actor: Principal,
    @IdParam() id: string,
    @Param('action', new ZodValidationPipe(z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'an action name')))
    action: string,
  ) {
    return this.channels.runAction(actor, id, action);
  }

  @Get('channels/:id/deliveries')
  @ApiZodResponse(DeliveriesResponse)
  @Allow('admin')
  @ApiOperation({ summary: 'Delivery log of a channel, newest first, with every attempt' })
  @ApiZodQuery(DeliveryLogQuery)
  async deliveries(@IdParam() id: string, @ValidQuery(DeliveryLogQuery) query: z.infer<typeof DeliveryLogQuery>) {
    await this.channels.get(id);
    return { items: await this.log.forChannel(id, query) };
  }

  @Get('channels/:id/inbound-changes')
  @Allow('admin')
  @ApiOperation({
    summary: 'Changes the channel received (polls, webhooks), newest first: applied once, or rejected with the reason',
  })
  @ApiZodQuery(InboundLogQuery)
  async inboundChanges(@IdParam() id: string, @ValidQuery(InboundLogQuery) query: z.infer<typeof InboundLogQuery>) {
    await this.channels.get(id);
    return { items: await this.inbound.recent(id, query.limit) };
  }

  @Get('outbox-events/:id/deliveries')
  @Allow('admin')
  @ApiOperation({ summary: 'Where one event went: its delivery status on each channel' })
  async eventDeliveries(@IdParam() id: string) {
    return { items: await this.log.forEvent(id) };
  }
}
