import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, ValidBody, ValidQuery } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ErrorSheetDeclineBody, ErrorSheetListQuery, ErrorSheetRequestBody } from './error-sheet.schemas.js';
import { ErrorSheetService } from './error-sheet.service.js';
import { ErrorSheetRequestResponse, ErrorSheetRequestsResponse } from './error-sheet.responses.js';

const IdParam = () => Param('id', new ZodValidationPipe(z.uuid()));

@ApiTags('error-correction sheet')
@ApiBearerAuth()
@Controller()
export class ErrorSheetController {
  constructor(private readonly sheet: ErrorSheetService) {}

  @Post('tickets/:id/error-sheet-requests')
  @ApiZodResponse(ErrorSheetRequestResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Ask to include the case in the Controle de Correção de Erros' })
  @ApiZodBody(ErrorSheetRequestBody)
  request(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(ErrorSheetRequestBody) body: z.infer<typeof ErrorSheetRequestBody>,
  ) {
    return this.sheet.request(caller, id, body.description);
  }

  @Get('error-sheet-requests')
  @ApiZodResponse(ErrorSheetRequestsResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Requests to include cases in the error-correction sheet, oldest first' })
  @ApiZodQuery(ErrorSheetListQuery)
  list(@ValidQuery(ErrorSheetListQuery) query: z.infer<typeof ErrorSheetListQuery>) {
    return this.sheet.list(query.status);
  }

  @Post('error-sheet-requests/:id/authorisation')
  @ApiZodResponse(ErrorSheetRequestResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      'Authorise the inclusion (a leader or an N2 agent; 403 with the reason otherwise); emits error_sheet.authorised',
  })
  authorise(@CurrentPrincipal() caller: Principal, @IdParam() id: string) {
    return this.sheet.authorise(caller, id);
  }

  @Post('error-sheet-requests/:id/decline')
  @ApiZodResponse(ErrorSheetRequestResponse, 201)
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      'Decline the inclusion with the reason the agent reads on the ticket (a leader or an N2 agent; 403 otherwise; 409 once decided); emits error_sheet.declined',
  })
  @ApiZodBody(ErrorSheetDeclineBody)
  decline(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(ErrorSheetDeclineBody) body: z.infer<typeof ErrorSheetDeclineBody>,
  ) {
    return this.sheet.decline(caller, id, body.reason);
  }
}
