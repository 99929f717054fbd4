import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { DashboardService } from './dashboard.service.js';
import { ApiZodResponse } from '../http/zod-openapi.js';
import { DashboardResponse } from './dashboard.responses.js';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @ApiZodResponse(DashboardResponse)
  @Allow('leader', 'admin')
  @ApiOperation({
    summary:
      'What leaders watch: open tickets with SLA at risk or breached (and who holds them), priority requests waiting',
  })
  overview() {
    return this.dashboard.overview();
  }
}
