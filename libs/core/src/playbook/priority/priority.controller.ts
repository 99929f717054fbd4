import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../../http/zod-openapi.js';
import { ZodValidationPipe } from '../../http/zod-validation.pipe.js';
import { ImplementationViewService } from './implementation-view.service.js';
import { PriorityDecisionBody, PriorityRequestBody } from './priority.schemas.js';
import { PriorityRequestsService } from './priority-requests.service.js';
import { ImplementationResponse, PriorityRequestResponse, PriorityRequestsResponse } from './priority.responses.js';

const IdParam = () => Param('id', new ZodValidationPipe(z.uuid()));

@ApiTags('playbook')
@ApiBearerAuth()
@Controller()
export class PriorityController {
  constructor(
    private readonly requests: PriorityRequestsService,
    private readonly implementation: ImplementationViewService,
  ) {}

  @Post('tickets/:id/priority-requests')
  @ApiZodResponse(PriorityRequestResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({
    summary: 'Ask the leader to mark the ticket priority, or to ask development to prioritise its SS (N2/N3 involved)',
  })
  @ApiZodBody(PriorityRequestBody)
  request(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(PriorityRequestBody) body: z.infer<typeof PriorityRequestBody>,
  ) {
    return this.requests.request(caller, id, body);
  }

  @Get('tickets/:id/priority-requests')
  @ApiZodResponse(PriorityRequestsResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: "The ticket's priority requests and their decisions" })
  list(@IdParam() id: string) {
    return this.requests.list(id);
  }

  @Post('priority-requests/:id/decision')
  @ApiZodResponse(PriorityRequestResponse, 201)
  @Allow('leader')
  @ApiOperation({ summary: 'A leader approves or declines (with the reason) a priority request; audited' })
  @ApiZodBody(PriorityDecisionBody)
  decide(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(PriorityDecisionBody) body: z.infer<typeof PriorityDecisionBody>,
  ) {
    return this.requests.decide(caller, id, body);
  }

  @Get('tickets/:id/implementation')
  @ApiZodResponse(ImplementationResponse)
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      '"Visualizar implantação": implementation items within the customer deadlines or touching the affected module',
  })
  implementationAtRisk(@IdParam() id: string) {
    return this.implementation.forTicket(id);
  }
}
