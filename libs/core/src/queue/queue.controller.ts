import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { QueueService } from './queue.service.js';
import { ApiZodResponse } from '../http/zod-openapi.js';
import { QueueViewResponse, TakenResponse } from './queue.responses.js';
import { QueueView } from './queue-view.service.js';

@ApiTags('queue')
@ApiBearerAuth()
@Controller('queue')
export class QueueController {
  constructor(
    private readonly queue: QueueService,
    private readonly queueView: QueueView,
  ) {}

  @Post('next')
  @ApiZodResponse(TakenResponse)
  @HttpCode(200)
  @Allow('agent')
  @ApiOperation({
    summary:
      'Take the next ticket of your tier/stage (skip reasons first, then oldest first); 409 with your pending items if you have any',
  })
  next(@CurrentPrincipal() agent: Principal) {
    return this.queue.next(agent);
  }

  @Post('take/:ticketId')
  @ApiZodResponse(TakenResponse)
  @HttpCode(200)
  @Allow('agent')
  @ApiOperation({
    summary:
      'Take a chosen ticket: allowed if it is the next one or carries a skip reason (recorded); otherwise 409 naming the ticket to take',
  })
  take(@CurrentPrincipal() agent: Principal, @Param('ticketId', new ZodValidationPipe(z.uuid())) ticketId: string) {
    return this.queue.take(agent, ticketId);
  }

  @Get(':unitKey')
  @ApiZodResponse(QueueViewResponse)
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({ summary: 'A tier/stage queue in the order it must be worked, with waiting times and skip reasons' })
  view(@Param('unitKey', new ZodValidationPipe(z.string().trim().min(1).max(40))) unitKey: string) {
    return this.queueView.of(unitKey);
  }
}
