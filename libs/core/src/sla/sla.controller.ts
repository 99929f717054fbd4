import { Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { BusinessCalendarsService } from './business-calendars.service.js';
import { CalendarBody, CalendarPreviewBody } from './sla.schemas.js';
import { TicketSlaService } from './ticket-sla.service.js';
import { CalendarPreviewResponse, CalendarResponse, TicketSlaResponse } from './sla.responses.js';

@ApiTags('sla')
@ApiBearerAuth()
@Controller()
export class SlaController {
  constructor(
    private readonly sla: TicketSlaService,
    private readonly calendars: BusinessCalendarsService,
  ) {}

  @Get('tickets/:id/sla')
  @ApiZodResponse(TicketSlaResponse)
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({
    summary:
      'Why is this due at X? Every SLA clock of the ticket: start, pauses, counted segments, holidays, target, due time',
  })
  explain(@Param('id', new ZodValidationPipe(z.uuid())) id: string) {
    return this.sla.explain(id);
  }

  @Get('business-calendar')
  @ApiZodResponse(CalendarResponse)
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({ summary: 'The desk’s business calendar: time zone, working hours per weekday, holidays' })
  calendar() {
    return this.calendars.config();
  }

  @Put('business-calendar')
  @ApiZodResponse(CalendarResponse)
  @Allow('admin')
  @ApiOperation({
    summary: 'Replace the desk’s business calendar (audited); due times follow from each ticket’s next change',
  })
  @ApiZodBody(CalendarBody)
  save(@CurrentPrincipal() admin: Principal, @ValidBody(CalendarBody) body: z.infer<typeof CalendarBody>) {
    return this.calendars.save(admin, body);
  }

  @Post('business-calendar/preview')
  @HttpCode(200)
  @ApiZodResponse(CalendarPreviewResponse)
  @Allow('admin')
  @ApiOperation({
    summary:
      'Try a draft calendar (or the saved one): the year’s holidays and when sample tickets fall due; saves nothing',
  })
  @ApiZodBody(CalendarPreviewBody)
  preview(@ValidBody(CalendarPreviewBody) body: z.infer<typeof CalendarPreviewBody>) {
    return this.calendars.preview(body.calendar, body.year, body.samples);
  }
}
