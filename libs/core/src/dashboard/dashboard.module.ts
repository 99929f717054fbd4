import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

/** Read-only aggregates for the leader dashboard. */
@Module({ controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
