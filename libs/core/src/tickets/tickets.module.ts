import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { StructureModule } from '../structure/structure.module.js';
import { TicketActors } from './ticket-actors.service.js';
import { TicketHooks } from './ticket-hooks.service.js';
import { TicketEntriesService } from './ticket-entries.service.js';
import { TicketQueryService } from './ticket-query.service.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsService } from './tickets.service.js';

const services = [
  TicketActors,
  TicketHooks,
  TicketsService,
  TicketEntriesService,
  TicketWorkflowService,
  TicketQueryService,
];

/** The ticket lifecycle: creation, entries, workflow, queries, and the hooks other features keep in step through. */
@Module({
  imports: [AuditModule, StructureModule, CustomersModule],
  controllers: [TicketsController],
  providers: services,
  exports: services,
})
export class TicketsModule {}
