import { Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ValidBody, ValidQuery } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { CreateSuggestionBody, ListSuggestionsQuery, UpdateSuggestionBody } from './suggestion.schemas.js';
import { SuggestionsService } from './suggestions.service.js';

@ApiTags('improvement suggestions')
@ApiBearerAuth()
@Controller('suggestions')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Post()
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Register an improvement suggestion, optionally from a ticket or customer' })
  @ApiZodBody(CreateSuggestionBody)
  create(
    @CurrentPrincipal() caller: Principal,
    @ValidBody(CreateSuggestionBody) body: z.infer<typeof CreateSuggestionBody>,
  ) {
    return this.suggestions.create(caller, body);
  }

  @Get()
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Suggestions newest first, filtered by status, owner, origin ticket or customer' })
  @ApiZodQuery(ListSuggestionsQuery)
  list(@ValidQuery(ListSuggestionsQuery) query: z.infer<typeof ListSuggestionsQuery>) {
    return this.suggestions.list(query);
  }

  @Patch(':id')
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'Move a suggestion along (status) or give it an owner' })
  @ApiZodBody(UpdateSuggestionBody)
  update(
    @CurrentPrincipal() caller: Principal,
    @Param('id', new ZodValidationPipe(z.uuid())) id: string,
    @ValidBody(UpdateSuggestionBody) body: z.infer<typeof UpdateSuggestionBody>,
  ) {
    return this.suggestions.update(caller, id, body);
  }
}
