export { CoreModule, type CoreModuleOptions } from './core.module.js';
export { ormConfig, type OrmConfigInput } from './persistence/orm-config.js';
export { migrateDatabase, type MigrationOutcome } from './persistence/migrate.js';
export { coreEntities } from './persistence/entities/index.js';
export { ensureBootstrapAdmin, type BootstrapOutcome } from './users/admin-bootstrap.js';
export { Allow, Public, ACCESS_RULE, type AccessRule } from './auth/access.decorators.js';
export { CurrentPrincipal, type Principal } from './auth/principal.js';
export { AuditService, type Actor, type AuditEntry } from './audit/audit.service.js';
export { ApiZodBody, ApiZodQuery, ValidBody, ValidQuery } from './http/zod-openapi.js';
export { ZodValidationPipe, fieldErrors } from './http/zod-validation.pipe.js';
export { ProblemFilter } from './http/problem.filter.js';
export { documentProblems } from './http/problem-openapi.js';
export { PlaybookModule } from './playbook/playbook.module.js';
export { PlaybookTemplatesService, type TemplateState } from './playbook/templates/playbook-templates.service.js';
export { Clock, SystemClock } from './clock/clock.js';
export * from './timers/index.js';
export { AnnouncementsModule } from './announcements/announcements.module.js';
export {
  AnnouncementAcknowledgementsService,
  type AnnouncementMember,
  type AcknowledgementRequest,
  type AcknowledgementOutcome,
} from './announcements/announcement-acknowledgements.service.js';
export { ConnectorsModule, type ConnectorsModuleOptions } from './connectors/connectors.module.js';
export { PROCESS_ROLES, type ConnectorSettings, type ProcessRole } from './connectors/connector-settings.js';
export { SecretBox, SecretKeyError, generateSecretKey, parseSecretKey } from './connectors/secret-box.js';
export { rotateChannelSecrets } from './connectors/secret-rotation.js';
export { CORE_PORTS, type CorePorts } from './connectors/core-ports.js';
export { ChannelCorePorts, INBOUND_PRIORITY_TAG } from './connectors/channel-core-ports.js';
export { TicketSummaries, type TicketKey } from './connectors/ticket-summaries.js';
export { InboundChanges, type InboundOutcome } from './connectors/inbound-changes.js';
export { PollRunner } from './connectors/poll-runner.js';
export { MaintenanceRunner } from './connectors/maintenance-runner.js';
export { ChannelStateStore } from './connectors/channel-state-store.js';
export { StagedChannelState } from './connectors/channel-state.js';
export { CallPort } from './connectors/core-ports.js';
export { UserIdentitiesService } from './users/user-identities.service.js';
export { ConnectorRegistry } from './connectors/connector-registry.js';
export { ChannelConfigCodec } from './connectors/channel-config.js';
export { TicketsModule } from './tickets/tickets.module.js';
export { TicketsService } from './tickets/tickets.service.js';
export { TicketWorkflowService } from './tickets/ticket-workflow.service.js';
export { TicketEntriesService } from './tickets/ticket-entries.service.js';
export { TicketQueryService } from './tickets/ticket-query.service.js';
export { ticketView, type TicketCaller, type TicketView } from './tickets/ticket-view.js';
export { SupportStructureService, type ActiveStructure } from './structure/support-structure.service.js';
export { SupportMembersService } from './structure/support-members.service.js';
export { CustomersService } from './customers/customers.service.js';
export { ChangeJournal, type Change } from './audit/change-journal.js';
export { domainEvent, type DomainEventDraft } from './audit/domain-event.js';
export { ensureDemoOrganisation, type DemoServices } from './tickets/demo-organisation.js';
export { TicketHooks, type TicketChangeHook } from './tickets/ticket-hooks.js';
export { QueueModule } from './queue/queue.module.js';
export { QueueService } from './queue/queue.service.js';
export { claimNextSql } from './queue/queue-entries.js';
export { SlaModule } from './sla/sla.module.js';
export { TicketSlaService } from './sla/ticket-sla.service.js';
export { BusinessCalendarsService } from './sla/business-calendars.service.js';
export { MediationFollowUp } from './mediation/mediation-follow-up.js';
