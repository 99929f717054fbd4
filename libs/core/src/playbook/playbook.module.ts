import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { StructureModule } from '../structure/structure.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { CancellationController } from './cancellation/cancellation.controller.js';
import { CancellationService } from './cancellation/cancellation.service.js';
import { EntitlementsController } from './entitlements/entitlements.controller.js';
import { EntitlementsService } from './entitlements/entitlements.service.js';
import { ImplementationViewService } from './priority/implementation-view.service.js';
import { PriorityController } from './priority/priority.controller.js';
import { PriorityRequestsService } from './priority/priority-requests.service.js';
import { PartnerProductController } from './partner-product/partner-product.controller.js';
import { PartnerProductService } from './partner-product/partner-product.service.js';
import { SensitiveDataReplyNotice } from './sensitive-data/sensitive-data-reply-notice.service.js';
import { PlaybookTemplatesController } from './templates/playbook-templates.controller.js';
import { PlaybookTemplatesService } from './templates/playbook-templates.service.js';
import { TicketPlaybookStore } from './ticket-playbook.repository.js';
import { InoperativeServicesService } from './urgent/inoperative-services.service.js';
import { UrgentController } from './urgent/urgent.controller.js';
import { UrgentService } from './urgent/urgent.service.js';

/** The playbook's persistence, admin routes and its rules attached to tickets; the rules themselves live in @escala/domain. */
@Module({
  imports: [AuditModule, StructureModule, TicketsModule, SlaModule],
  controllers: [
    PlaybookTemplatesController,
    CancellationController,
    UrgentController,
    PartnerProductController,
    EntitlementsController,
    PriorityController,
  ],
  providers: [
    PlaybookTemplatesService,
    TicketPlaybookStore,
    CancellationService,
    SensitiveDataReplyNotice,
    InoperativeServicesService,
    UrgentService,
    PartnerProductService,
    EntitlementsService,
    PriorityRequestsService,
    ImplementationViewService,
  ],
  exports: [PlaybookTemplatesService, TicketPlaybookStore],
})
export class PlaybookModule {}
