import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { Clock } from '../clock/clock.service.js';
import { ApiZodQuery, ValidQuery } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { DeskReportsService } from './desk-reports.service.js';
import {
  REPORT_KINDS,
  ReportKindParam,
  ReportQuery,
  ReportQueryFields,
  type ReportKind,
  type ReportPeriod,
} from './report.schemas.js';
import { reportCsv, type ReportTable } from './report-table.js';
import { SlaReportsService } from './sla-reports.service.js';
import { ReportTableResponse } from './reports.responses.js';

interface CsvReply {
  header(name: string, value: string): CsvReply;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly sla: SlaReportsService,
    private readonly desk: DeskReportsService,
    private readonly clock: Clock,
  ) {}

  @Get(':report')
  @Allow('leader', 'admin')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary:
      'A report over whole days in the desk time zone (default: the last 30): columns and rows as JSON, or CSV with format=csv',
  })
  @ApiParam({ name: 'report', enum: REPORT_KINDS })
  // Not ApiZodResponse: the same route answers CSV as text, which a JSON schema cannot type-check.
  @ApiResponse({
    status: 200,
    description: 'OK',
    content: {
      'application/json': { schema: z.toJSONSchema(ReportTableResponse, { io: 'output' }) as never },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiZodQuery(ReportQueryFields)
  async report(
    @Param('report', new ZodValidationPipe(ReportKindParam)) report: ReportKind,
    @ValidQuery(ReportQuery) period: ReportPeriod,
    @Res({ passthrough: true }) reply: CsvReply,
  ): Promise<ReportTable | string> {
    const table = await this.table(report, period);
    if (period.format === 'json') return table;
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${report}-${period.from}-${period.to}.csv"`);
    return reportCsv(table);
  }

  private table(report: ReportKind, period: ReportPeriod): Promise<ReportTable> {
    switch (report) {
      case 'sla-compliance':
        return this.sla.compliance(period);
      case 'response-times':
        return this.sla.responseTimes(period);
      case 'cancellation-reasons':
        return this.desk.cancellations(period);
      case 'third-party-waits':
        return this.desk.thirdPartyWaits(period, this.clock.now());
      case 'backlog':
        return this.desk.backlog(period);
    }
  }
}
