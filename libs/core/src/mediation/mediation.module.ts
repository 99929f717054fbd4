import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PlaybookModule } from '../playbook/playbook.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { MediationFollowUp } from './mediation-follow-up.service.js';
import { MediationController } from './mediation.controller.js';
import { MediationService } from './mediation.service.js';

/** Third-party mediation on tickets with durable 24 h / 72 h timers. Needs `TimersModule.forRoot` in the application. */
@Module({
  imports: [AuditModule, TicketsModule, PlaybookModule],
  controllers: [MediationController],
  providers: [MediationService, MediationFollowUp],
  exports: [MediationFollowUp],
})
export class MediationModule {}
