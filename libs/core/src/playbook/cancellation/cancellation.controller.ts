import { Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, ValidBody, ValidQuery } from '../../http/zod-openapi.js';
import { ZodValidationPipe } from '../../http/zod-validation.pipe.js';
import {
  CancellationContactBody,
  CancellationReasonBody,
  CancellationReportQuery,
  CancellationReportRange,
} from './cancellation.schemas.js';
import { CancellationService } from './cancellation.service.js';
import { CancellationChangeResponse, CancellationStateResponse } from './cancellation.responses.js';

const IdParam = () => Param('id', new ZodValidationPipe(z.uuid()));

@ApiTags('playbook')
@ApiBearerAuth()
@Controller()
export class CancellationController {
  constructor(private readonly cancellations: CancellationService) {}

  @Get('tickets/:id/cancellation')
  @ApiZodResponse(CancellationStateResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The cancellation record of a ticket and what still blocks closing it' })
  state(@IdParam() id: string) {
    return this.cancellations.state(id);
  }

  @Put('tickets/:id/cancellation/contact')
  @ApiZodResponse(CancellationChangeResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Record the contact with the customer about the cancellation (when, how, with whom)' })
  @ApiZodBody(CancellationContactBody)
  recordContact(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(CancellationContactBody) body: z.infer<typeof CancellationContactBody>,
  ) {
    return this.cancellations.recordContact(caller, id, body);
  }

  @Put('tickets/:id/cancellation/reason')
  @ApiZodResponse(CancellationChangeResponse)
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      'Record the real cancellation reason in the technical analysis (naming the partner system when moving to one)',
  })
  @ApiZodBody(CancellationReasonBody)
  recordReason(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(CancellationReasonBody) body: z.infer<typeof CancellationReasonBody>,
  ) {
    return this.cancellations.recordReason(caller, id, body);
  }

  @Get('reports/cancellations')
  @Allow('admin', 'leader')
  @ApiOperation({
    summary: 'Cancellations by real reason and by partner/competitor system, for contacts in [from, to)',
  })
  @ApiZodQuery(CancellationReportRange)
  report(@ValidQuery(CancellationReportQuery) query: z.infer<typeof CancellationReportQuery>) {
    return this.cancellations.report(query.from, query.to);
  }
}
