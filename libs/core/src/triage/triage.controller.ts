import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { TriageItemResponse, TriageItemsResponse, TriageRedirectResponse } from './triage.responses.js';
import { DismissTriageBody, RedirectTriageBody, type RedirectTriageInput } from './triage.schemas.js';
import { TriageService } from './triage.service.js';

const ItemId = () => Param('id', new ZodValidationPipe(z.uuid()));

/** The relationship desk's triage queue: the desk, its leaders and admins decide where each message goes. */
@ApiTags('triage')
@ApiBearerAuth()
@Controller('triage-items')
@Allow('relationship', 'leader', 'admin')
export class TriageController {
  constructor(private readonly triage: TriageService) {}

  @Get()
  @ApiZodResponse(TriageItemsResponse)
  @ApiOperation({ summary: 'Messages waiting for the relationship desk (unknown senders), oldest first' })
  list() {
    return this.triage.open();
  }

  @Post(':id/redirect')
  @HttpCode(200)
  @ApiZodResponse(TriageRedirectResponse)
  @ApiOperation({
    summary:
      'Send the message to an existing ticket (as the customer’s message), a new ticket in a tier or stage, or a new ticket assigned to a person; 409 when already handled',
  })
  @ApiZodBody(RedirectTriageBody)
  redirect(
    @CurrentPrincipal() caller: Principal,
    @ItemId() id: string,
    @ValidBody(RedirectTriageBody) body: RedirectTriageInput,
  ) {
    return this.triage.redirect(caller, id, body);
  }

  @Post(':id/dismissal')
  @HttpCode(200)
  @ApiZodResponse(TriageItemResponse)
  @ApiOperation({ summary: 'Dismiss the message with a reason (spam, not for us); 409 when already handled' })
  @ApiZodBody(DismissTriageBody)
  dismiss(
    @CurrentPrincipal() caller: Principal,
    @ItemId() id: string,
    @ValidBody(DismissTriageBody) body: z.infer<typeof DismissTriageBody>,
  ) {
    return this.triage.dismiss(caller, id, body.reason);
  }
}
