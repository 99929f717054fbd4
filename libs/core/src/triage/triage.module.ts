import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { StructureModule } from '../structure/structure.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { TriageItems } from './triage-items.repository.js';
import { TriageLanding } from './triage-landing.service.js';
import { TriageController } from './triage.controller.js';
import { TriageService } from './triage.service.js';

/** The relationship desk's triage queue; channels hold messages in it through their port. */
@Module({
  imports: [AuditModule, CustomersModule, StructureModule, TicketsModule],
  controllers: [TriageController],
  providers: [TriageItems, TriageLanding, TriageService],
  exports: [TriageService],
})
export class TriageModule {}
