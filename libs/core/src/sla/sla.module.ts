import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { StructureModule } from '../structure/structure.module.js';
import { TicketHooks } from '../tickets/ticket-hooks.service.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { BusinessCalendarsService } from './business-calendars.service.js';
import { SlaController } from './sla.controller.js';
import { TicketClockEvents } from './ticket-clock-events.repository.js';
import { leavesClockFact } from './ticket-clock-events.js';
import { TicketSlaService } from './ticket-sla.service.js';

/** SLA clocks on real tickets: timers kept in step with every ticket change, explanations, the desk calendar. */
@Module({
  imports: [AuditModule, StructureModule, TicketsModule],
  controllers: [SlaController],
  providers: [BusinessCalendarsService, TicketSlaService, TicketClockEvents],
  exports: [BusinessCalendarsService, TicketSlaService, TicketClockEvents],
})
export class SlaModule implements OnModuleInit {
  constructor(
    private readonly hooks: TicketHooks,
    private readonly sla: TicketSlaService,
  ) {}

  onModuleInit(): void {
    this.hooks.onChange(
      (tx, ticket, action, caller) => this.sla.sync(tx, ticket, action, caller),
      (action) => !leavesClockFact(action),
    );
    this.hooks.onCreated((write, ticket) => this.sla.created(write, ticket));
  }
}
