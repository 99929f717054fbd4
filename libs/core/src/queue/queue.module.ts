import { Module, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditModule } from '../audit/audit.module.js';
import { StructureModule } from '../structure/structure.module.js';
import { TicketHooks } from '../tickets/ticket-hooks.service.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { PendingWorkReader } from './pending-work.service.js';
import { QueueController } from './queue.controller.js';
import { QueueEntries } from './queue-entries.repository.js';
import { QueueService } from './queue.service.js';
import { QueueView } from './queue-view.service.js';
import { TicketTakeover } from './ticket-takeover.service.js';

/** One queue per tier/stage whatever the channel (docs/playbook.md §4.3), kept in step with every ticket change. */
@Module({
  imports: [AuditModule, StructureModule, TicketsModule],
  controllers: [QueueController],
  providers: [QueueEntries, PendingWorkReader, TicketTakeover, QueueService, QueueView],
  exports: [QueueService],
})
export class QueueModule implements OnModuleInit {
  constructor(
    private readonly hooks: TicketHooks,
    private readonly entries: QueueEntries,
  ) {}

  onModuleInit(): void {
    // A take removes the entry in its own statement: nothing is left to sync.
    this.hooks.onChange(
      (tx: EntityManager, ticket) => this.entries.sync(tx, ticket),
      (action) => action === 'ticket.taken',
    );
    this.hooks.onCreated((write, ticket) => this.entries.created(write, ticket));
  }
}
