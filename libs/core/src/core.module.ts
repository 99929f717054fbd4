import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { AuthSettings } from './auth/auth-settings.js';
import { LoginThrottle } from './auth/login-throttle.service.js';
import { PrincipalCache } from './auth/principal-cache.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';
import { UserIdentitiesController } from './users/user-identities.controller.js';
import { UserIdentitiesService } from './users/user-identities.service.js';
import { PlaybookModule } from './playbook/playbook.module.js';
import { AnnouncementsModule } from './announcements/announcements.module.js';
import { TicketsModule } from './tickets/tickets.module.js';
import { StructureModule } from './structure/structure.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { QueueModule } from './queue/queue.module.js';
import { SlaModule } from './sla/sla.module.js';
import { MediationModule } from './mediation/mediation.module.js';
import { MEDIATION_FOLLOW_UP_INTERVAL_MS } from './mediation/mediation-follow-up.service.js';
import { ErrorSheetModule } from './error-sheet/error-sheet.module.js';
import { SuggestionsModule } from './suggestions/suggestions.module.js';
import { TriageModule } from './triage/triage.module.js';
import { FollowUpsModule } from './follow-ups/follow-ups.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { LiveModule } from './live/live.module.js';
import { SETTINGS_CACHE_MS } from './settings/cached-setting.js';
import { QueueSettings } from './queue/queue-settings.js';
import type { QueueOrder } from '@escala/domain';

export interface CoreModuleOptions {
  sessionTtlMinutes: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /** How long a resolved bearer token is remembered per instance; 0 turns the cache off. */
  authCacheSeconds: number;
  /** How long the active support structure and the business calendar are kept per instance; 0 = read every time. */
  settingsCacheSeconds: number;
  /** Milliseconds between runs of the playbook's timer follow-ups (third-party resend/report); 0 = called by hand. */
  followUpIntervalMs?: number;
  /** Oldest first by when the customer opened the ticket (default) or by time in the current queue. */
  queueOrder?: QueueOrder;
  /** Hours after taking a cancellation ticket by which the customer contact must be recorded (pending item). */
  cancellationContactHours?: number;
}

/** The core's HTTP features and services. Expects MikroORM to be registered by the application. */
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        AuditModule,
        StructureModule,
        CustomersModule,
        PlaybookModule,
        AnnouncementsModule,
        TicketsModule,
        QueueModule,
        SlaModule,
        MediationModule,
        ErrorSheetModule,
        SuggestionsModule,
        TriageModule,
        FollowUpsModule,
        DashboardModule,
        ReportsModule,
        LiveModule,
      ],
      controllers: [AuthController, UsersController, UserIdentitiesController],
      providers: [
        {
          provide: AuthSettings,
          useValue: new AuthSettings(options.sessionTtlMinutes, options.loginMaxFailures, options.loginWindowMinutes),
        },
        LoginThrottle,
        { provide: PrincipalCache, useValue: new PrincipalCache(options.authCacheSeconds * 1000) },
        AuthService,
        UsersService,
        UserIdentitiesService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: MEDIATION_FOLLOW_UP_INTERVAL_MS, useValue: options.followUpIntervalMs ?? 0 },
        { provide: SETTINGS_CACHE_MS, useValue: options.settingsCacheSeconds * 1000 },
        { provide: QueueSettings, useValue: new QueueSettings(options.queueOrder, options.cancellationContactHours) },
      ],
      exports: [
        SETTINGS_CACHE_MS,
        AuditModule,
        AuthService,
        UsersService,
        UserIdentitiesService,
        PlaybookModule,
        AnnouncementsModule,
        StructureModule,
        CustomersModule,
        TicketsModule,
        MediationModule,
        TriageModule,
        MEDIATION_FOLLOW_UP_INTERVAL_MS,
        QueueSettings,
      ],
    };
  }
}
