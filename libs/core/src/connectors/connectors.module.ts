import { Module, type DynamicModule } from '@nestjs/common';
import type { ConnectorDefinition } from '@escala/connector-kit';
import { ChannelConfigCodec } from './channel-config.service.js';
import { ChannelHealth } from './channel-health.service.js';
import { ChannelListeners } from './channel-listeners.service.js';
import { ChannelsController } from './channels.controller.js';
import { ChannelsService } from './channels.service.js';
import { ConnectorRegistry } from './connector-registry.js';
import { ConnectorRuntime } from './connector-runtime.service.js';
import { ChannelCorePorts } from './channel-core-ports.service.js';
import { CORE_PORTS } from './core-ports.js';
import { CONNECTOR_SETTINGS, type ConnectorSettings } from './connector-settings.js';
import { TicketSummaries } from './ticket-summaries.repository.js';
import { DeliveryLog } from './delivery-log.repository.js';
import { DeliveryQueue } from './delivery-queue.service.js';
import { DeliveryWorker } from './delivery-worker.service.js';
import { OutboxDispatcher } from './outbox-dispatcher.service.js';
import { InboundChanges } from './inbound-changes.repository.js';
import { InboundWebhooks } from './inbound-webhooks.service.js';
import { InboundWebhooksController } from './inbound-webhooks.controller.js';
import { discoverConnectors } from './plugin-discovery.js';
import { PollRunner } from './poll-runner.service.js';
import { MaintenanceRunner } from './maintenance-runner.service.js';
import { ChannelStateStore } from './channel-state.repository.js';
import { SecretBox } from './secret-box.js';

export interface ConnectorsModuleOptions {
  settings: ConnectorSettings;
  secretBox: SecretBox;
  /** Defaults to the installed plugins, found by their package marker. */
  connectors?: () => Promise<ConnectorDefinition[]>;
}

/** The connector host: channels and their API, outbox fan-out, delivery workers, inbound polls and webhooks. */
@Module({})
export class ConnectorsModule {
  static forRoot(options: ConnectorsModuleOptions): DynamicModule {
    const load = options.connectors ?? discoverConnectors;
    return {
      module: ConnectorsModule,
      controllers: [ChannelsController, InboundWebhooksController],
      providers: [
        { provide: CONNECTOR_SETTINGS, useValue: options.settings },
        { provide: SecretBox, useValue: options.secretBox },
        { provide: ConnectorRegistry, useFactory: async () => new ConnectorRegistry(await load()) },
        { provide: CORE_PORTS, useClass: ChannelCorePorts },
        ChannelConfigCodec,
        ChannelHealth,
        ChannelListeners,
        ChannelsService,
        DeliveryLog,
        DeliveryQueue,
        DeliveryWorker,
        OutboxDispatcher,
        InboundChanges,
        InboundWebhooks,
        PollRunner,
        MaintenanceRunner,
        ChannelStateStore,
        ConnectorRuntime,
        TicketSummaries,
      ],
      exports: [ConnectorRegistry, ChannelsService],
    };
  }
}
