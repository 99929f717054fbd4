import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { StructureController } from './structure.controller.js';
import { SupportMembersService } from './support-members.service.js';
import { SupportStructureService } from './support-structure.service.js';

/** The support structure (tiers, stages, desks, versioned) and who works where in it. */
@Module({
  imports: [AuditModule],
  controllers: [StructureController],
  providers: [SupportStructureService, SupportMembersService],
  exports: [SupportStructureService, SupportMembersService],
})
export class StructureModule {}
