import { hostname } from 'node:os';
import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ConnectorsModule, CoreModule, ormConfig, TimersModule, type Clock, type SecretBox } from '@escala/core';
import type { ConnectorDefinition } from '@escala/connector-kit';
import type { ServerConfig } from './config.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { Metrics } from './metrics/metrics.js';
import { REDACTED_PATHS } from './redaction.js';

export interface AppModuleOptions {
  config: ServerConfig;
  databaseUrl: string;
  /** Where JSON logs go; stdout by default. Tests capture them to check nothing secret leaks. */
  logDestination?: DestinationStream;
  /** Seals connector secrets; see secret-key.ts. */
  secretBox: SecretBox;
  /** Replaces the system clock (tests move it by hand). */
  clock?: Clock;
  /** Replaces the installed plugins (tests bring connectors of their own). */
  connectors?: () => Promise<ConnectorDefinition[]>;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
          pinoHttp: [
            {
              level: config.LOG_LEVEL,
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              // On every line from the base logger, not per request: `customProps` made two more
              // child loggers for each request, its bindings serialised even when nothing is logged.
              base: { pid: process.pid, hostname: hostname(), service: 'escala' },
            },
            options.logDestination ?? process.stdout,
          ],
        }),
        MikroOrmModule.forRoot({
          ...ormConfig({ databaseUrl: options.databaseUrl, poolMax: config.ESCALA_DB_POOL_MAX }),
        }),
        CoreModule.forRoot({
          sessionTtlMinutes: config.ESCALA_SESSION_TTL_MINUTES,
          loginMaxFailures: config.ESCALA_LOGIN_MAX_FAILURES,
          loginWindowMinutes: config.ESCALA_LOGIN_WINDOW_MINUTES,
          authCacheSeconds: config.ESCALA_AUTH_CACHE_SECONDS,
          settingsCacheSeconds: config.ESCALA_SETTINGS_CACHE_SECONDS,
          followUpIntervalMs: config.ESCALA_TIMER_TICK_MS,
          queueOrder: config.ESCALA_QUEUE_ORDER,
          cancellationContactHours: config.ESCALA_CANCELLATION_CONTACT_HOURS,
        }),
        TimersModule.forRoot({ tickIntervalMs: config.ESCALA_TIMER_TICK_MS, clock: options.clock }),
        ConnectorsModule.forRoot({
          secretBox: options.secretBox,
          connectors: options.connectors,
          settings: {
            databaseUrl: options.databaseUrl,
            roles: config.ESCALA_ROLES,
            retry: {
              maxAttempts: config.ESCALA_DELIVERY_MAX_ATTEMPTS,
              backoffBaseMs: config.ESCALA_DELIVERY_BACKOFF_BASE_MS,
              backoffMaxMs: config.ESCALA_DELIVERY_BACKOFF_MAX_MS,
            },
            deliveryTimeoutSeconds: config.ESCALA_DELIVERY_TIMEOUT_SECONDS,
            schedulerIntervalMs: config.ESCALA_SCHEDULER_INTERVAL_MS,
            listenerBackoff: {
              baseMs: config.ESCALA_LISTENER_BACKOFF_BASE_MS,
              maxMs: config.ESCALA_LISTENER_BACKOFF_MAX_MS,
            },
            queuePollSeconds: config.ESCALA_QUEUE_POLL_SECONDS,
            workerConcurrency: config.ESCALA_DELIVERY_CONCURRENCY,
            publicUrl: config.ESCALA_PUBLIC_URL,
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [Metrics],
    };
  }
}
