import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../../auth/access.decorators.js';
import { ZodValidationPipe } from '../../http/zod-validation.pipe.js';
import { EntitlementsService } from './entitlements.service.js';
import { ApiZodResponse } from '../../http/zod-openapi.js';
import { TicketEntitlementsResponse } from './entitlements.responses.js';

@ApiTags('playbook')
@ApiBearerAuth()
@Controller('tickets/:id/entitlements')
export class EntitlementsController {
  constructor(private readonly entitlements: EntitlementsService) {}

  @Get()
  @ApiZodResponse(TicketEntitlementsResponse)
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      "What the customer's contracts entitle them to, and the decision for this ticket's category, with the reason",
  })
  forTicket(@Param('id', new ZodValidationPipe(z.uuid())) id: string) {
    return this.entitlements.forTicket(id);
  }
}
