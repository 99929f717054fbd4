import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module.js';
import { DeskReportsService } from './desk-reports.service.js';
import { ReportsController } from './reports.controller.js';
import { SlaReportsService } from './sla-reports.service.js';

/** Read-only reports for leaders and admins, as tables (JSON) or CSV. */
@Module({ imports: [SlaModule], controllers: [ReportsController], providers: [SlaReportsService, DeskReportsService] })
export class ReportsModule {}
