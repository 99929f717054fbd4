import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { StructureModule } from '../structure/structure.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ErrorSheetController } from './error-sheet.controller.js';
import { ErrorSheetService } from './error-sheet.service.js';

/** Authorising cases into the error-correction sheet. */
@Module({
  imports: [AuditModule, StructureModule, TicketsModule],
  controllers: [ErrorSheetController],
  providers: [ErrorSheetService],
})
export class ErrorSheetModule {}
