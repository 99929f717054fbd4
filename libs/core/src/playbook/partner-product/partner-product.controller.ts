import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../../http/zod-openapi.js';
import { ZodValidationPipe } from '../../http/zod-validation.pipe.js';
import { PartnerNotificationBody, PartnerProductBody } from './partner-product.schemas.js';
import { PartnerProductService } from './partner-product.service.js';
import {
  PartnerNotifiedResponse,
  PartnerProductResponse,
  PendingPartnerCasesResponse,
} from './partner-product.responses.js';

const IdParam = () => Param('id', new ZodValidationPipe(z.uuid()));

@ApiTags('playbook')
@ApiBearerAuth()
@Controller()
export class PartnerProductController {
  constructor(private readonly partners: PartnerProductService) {}

  @Post('tickets/:id/partner-product')
  @ApiZodResponse(PartnerProductResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({
    summary: "Mark the demand as a partner's product: public reply to the customer and internal note to the leader",
  })
  @ApiZodBody(PartnerProductBody)
  mark(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(PartnerProductBody) body: z.infer<typeof PartnerProductBody>,
  ) {
    return this.partners.mark(caller, id, body);
  }

  @Post('tickets/:id/partner-product/notification')
  @ApiZodResponse(PartnerNotifiedResponse, 201)
  @Allow('leader')
  @ApiOperation({ summary: "Record that the leader notified the partner's support" })
  @ApiZodBody(PartnerNotificationBody)
  notified(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(PartnerNotificationBody) body: z.infer<typeof PartnerNotificationBody>,
  ) {
    return this.partners.recordNotified(caller, id, body);
  }

  @Get('partner-cases/pending')
  @ApiZodResponse(PendingPartnerCasesResponse)
  @Allow('admin', 'leader')
  @ApiOperation({ summary: "Partner-product demands whose partner's support was not notified yet, oldest first" })
  pending() {
    return this.partners.pending();
  }
}
