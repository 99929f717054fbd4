import { Module, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TicketChangeHooks } from '../tickets/ticket-change-hooks.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { PendingWorkReader } from './pending-work.js';
import { QueueController } from './queue.controller.js';
import { QueueEntries } from './queue-entries.js';
import { QueueService } from './queue.service.js';

/** One queue per tier/stage whatever the channel (docs/playbook.md §4.3), kept in step with every ticket change. */
@Module({
  imports: [TicketsModule],
  controllers: [QueueController],
  providers: [QueueEntries, PendingWorkReader, QueueService],
  exports: [QueueService],
})
export class QueueModule implements OnModuleInit {
  constructor(
    private readonly hooks: TicketChangeHooks,
    private readonly entries: QueueEntries,
  ) {}

  onModuleInit(): void {
    this.hooks.register(
      (tx: EntityManager, ticket) => this.entries.sync(tx, ticket),
      (write, ticket) => this.entries.created(write, ticket),
    );
  }
}
