import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import {
  MediationContactBody,
  MediationRefusalBody,
  MediationReplyBody,
  OpenMediationBody,
} from './mediation.schemas.js';
import { MediationService } from './mediation.service.js';
import { MediationChangeResponse, MediationViewResponse } from './mediation.responses.js';

const IdParam = () => Param('id', new ZodValidationPipe(z.uuid()));

@ApiTags('third-party mediation')
@ApiBearerAuth()
@Controller('tickets/:id/mediation')
export class MediationController {
  constructor(private readonly mediations: MediationService) {}

  @Get()
  @ApiZodResponse(MediationViewResponse)
  @Allow(...ROLES)
  @ApiOperation({
    summary: 'The mediation with a third party: attempts, replies, next deadlines, report and customer draft',
  })
  get(@IdParam() id: string) {
    return this.mediations.get(id);
  }

  @Post()
  @ApiZodResponse(MediationChangeResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Put the ticket in mediation with a named third party and the verification needed' })
  @ApiZodBody(OpenMediationBody)
  open(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(OpenMediationBody) body: z.infer<typeof OpenMediationBody>,
  ) {
    return this.mediations.open(caller, id, body);
  }

  @Post('contacts')
  @ApiZodResponse(MediationChangeResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Record a contact sent to the third party; the first starts the 24 h / 72 h clocks' })
  @ApiZodBody(MediationContactBody)
  contact(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(MediationContactBody) body: z.infer<typeof MediationContactBody>,
  ) {
    return this.mediations.recordContact(caller, id, body);
  }

  @Post('replies')
  @ApiZodResponse(MediationChangeResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Record a reply from the third party; one with information restarts the 72 h' })
  @ApiZodBody(MediationReplyBody)
  reply(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(MediationReplyBody) body: z.infer<typeof MediationReplyBody>,
  ) {
    return this.mediations.recordReply(caller, id, body);
  }

  @Post('refusal')
  @ApiZodResponse(MediationChangeResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Record that the third party refused our contact: the report is due at once' })
  @ApiZodBody(MediationRefusalBody)
  refusal(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(MediationRefusalBody) body: z.infer<typeof MediationRefusalBody>,
  ) {
    return this.mediations.recordRefusal(caller, id, body.note);
  }

  @Post('conclusion')
  @ApiZodResponse(MediationChangeResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The third party gave what was needed: stop the clocks' })
  conclude(@CurrentPrincipal() caller: Principal, @IdParam() id: string) {
    return this.mediations.conclude(caller, id);
  }
}
