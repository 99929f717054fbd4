import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ValidBody } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import {
  RecordCommitmentBody,
  ScheduleFollowUpBody,
  type RecordCommitmentInput,
  type ScheduleFollowUpInput,
} from './follow-up.schemas.js';
import { TicketFollowUpsService } from './ticket-follow-ups.service.js';

const TicketId = () => Param('id', new ZodValidationPipe(z.uuid()));
const ItemId = (name: string) => Param(name, new ZodValidationPipe(z.uuid()));

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:id')
export class TicketFollowUpsController {
  constructor(private readonly followUps: TicketFollowUpsService) {}

  @Post('follow-ups')
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({ summary: 'Schedule a follow-up; once due and not done it blocks the holder from taking new tickets' })
  @ApiZodBody(ScheduleFollowUpBody)
  schedule(
    @CurrentPrincipal() actor: Principal,
    @TicketId() ticketId: string,
    @ValidBody(ScheduleFollowUpBody) body: ScheduleFollowUpInput,
  ) {
    return this.followUps.add(actor, ticketId, 'follow-up', { dueAt: body.dueAt, description: body.note ?? null });
  }

  @Get('follow-ups')
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({ summary: "The ticket's follow-ups, soonest first, done or not" })
  listFollowUps(@TicketId() ticketId: string) {
    return this.followUps.list(ticketId, 'follow-up');
  }

  @Post('follow-ups/:followUpId/done')
  @HttpCode(200)
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({ summary: 'Mark a follow-up done; 409 if it already was' })
  followUpDone(@CurrentPrincipal() actor: Principal, @TicketId() ticketId: string, @ItemId('followUpId') id: string) {
    return this.followUps.markDone(actor, ticketId, 'follow-up', id);
  }

  @Post('commitments')
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({
    summary:
      'Record a commitment ("retorno até 15:00"); once overdue and not done it blocks the holder from taking new tickets',
  })
  @ApiZodBody(RecordCommitmentBody)
  commit(
    @CurrentPrincipal() actor: Principal,
    @TicketId() ticketId: string,
    @ValidBody(RecordCommitmentBody) body: RecordCommitmentInput,
  ) {
    return this.followUps.add(actor, ticketId, 'commitment', body);
  }

  @Get('commitments')
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({ summary: "The ticket's commitments, soonest first, done or not" })
  listCommitments(@TicketId() ticketId: string) {
    return this.followUps.list(ticketId, 'commitment');
  }

  @Post('commitments/:commitmentId/done')
  @HttpCode(200)
  @Allow('agent', 'leader', 'admin')
  @ApiOperation({ summary: 'Mark a commitment kept; 409 if it already was' })
  commitmentDone(
    @CurrentPrincipal() actor: Principal,
    @TicketId() ticketId: string,
    @ItemId('commitmentId') id: string,
  ) {
    return this.followUps.markDone(actor, ticketId, 'commitment', id);
  }
}
