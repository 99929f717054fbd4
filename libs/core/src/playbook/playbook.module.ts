import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { CancellationController } from './cancellation/cancellation.controller.js';
import { CancellationService } from './cancellation/cancellation.service.js';
import { SensitiveDataReplyNotice } from './sensitive-data/sensitive-data-reply-notice.js';
import { PlaybookTemplatesController } from './templates/playbook-templates.controller.js';
import { PlaybookTemplatesService } from './templates/playbook-templates.service.js';
import { TicketPlaybookStore } from './ticket-playbook-store.js';

/** The playbook's persistence, admin routes and its rules attached to tickets; the rules themselves live in @escala/domain. */
@Module({
  imports: [TicketsModule],
  controllers: [PlaybookTemplatesController, CancellationController],
  providers: [PlaybookTemplatesService, TicketPlaybookStore, CancellationService, SensitiveDataReplyNotice],
  exports: [PlaybookTemplatesService],
})
export class PlaybookModule {}
