import { Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../../http/zod-openapi.js';
import { ZodValidationPipe } from '../../http/zod-validation.pipe.js';
import { InoperativeServicesService } from './inoperative-services.service.js';
import { InoperativeServiceBody, ServiceCodeParam, UrgentBody } from './urgent.schemas.js';
import { UrgentService } from './urgent.service.js';
import { InoperativeServicesResponse, UrgentResponse } from './urgent.responses.js';

@ApiTags('playbook')
@ApiBearerAuth()
@Controller()
export class UrgentController {
  constructor(
    private readonly urgent: UrgentService,
    private readonly services: InoperativeServicesService,
  ) {}

  @Post('tickets/:id/urgent')
  @ApiZodResponse(UrgentResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      'Declare a catalogue service inoperative with the customer urgency: tag URGENTE, skip-eligible, leader alerted',
  })
  @ApiZodBody(UrgentBody)
  declare(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ZodValidationPipe(z.uuid())) id: string,
    @ValidBody(UrgentBody) body: z.infer<typeof UrgentBody>,
  ) {
    return this.urgent.declare(caller, id, body);
  }

  @Get('playbook/inoperative-services')
  @ApiZodResponse(InoperativeServicesResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The services an agent may declare inoperative' })
  async catalogue() {
    return { items: await this.services.catalogue() };
  }

  @Put('playbook/inoperative-services/:code')
  @Allow('admin')
  @ApiOperation({ summary: 'Add, rename or retire a service of the inoperative-service catalogue' })
  @ApiZodBody(InoperativeServiceBody)
  put(
    @CurrentPrincipal() caller: Principal,
    @Param('code', new ZodValidationPipe(ServiceCodeParam)) code: string,
    @ValidBody(InoperativeServiceBody) body: z.infer<typeof InoperativeServiceBody>,
  ) {
    return this.services.put(caller, code, body);
  }
}
