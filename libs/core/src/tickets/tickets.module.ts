import { Module } from '@nestjs/common';
import { ChangeJournal } from '../audit/change-journal.js';
import { CustomersController } from '../customers/customers.controller.js';
import { CustomersService } from '../customers/customers.service.js';
import { StructureController } from '../structure/structure.controller.js';
import { SupportMembersService } from '../structure/support-members.service.js';
import { SupportStructureService } from '../structure/support-structure.service.js';
import { TicketActors } from './ticket-actors.service.js';
import { TicketHooks } from './ticket-hooks.js';
import { TicketEntriesService } from './ticket-entries.service.js';
import { TicketQueryService } from './ticket-query.service.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsService } from './tickets.service.js';

const services = [
  ChangeJournal,
  SupportStructureService,
  SupportMembersService,
  CustomersService,
  TicketActors,
  TicketHooks,
  TicketsService,
  TicketEntriesService,
  TicketWorkflowService,
  TicketQueryService,
];

/** The support structure, people in it, customers and the ticket lifecycle. Services are exported for later features. */
@Module({
  controllers: [StructureController, CustomersController, TicketsController],
  providers: services,
  exports: services,
})
export class TicketsModule {}
