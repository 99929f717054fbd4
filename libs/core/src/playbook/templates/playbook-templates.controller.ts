import { Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Locale } from '@escala/domain';
import { Allow } from '../../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../auth/principal.js';
import { ApiZodBody, ApiZodResponse, ValidBody } from '../../http/zod-openapi.js';
import { ZodValidationPipe } from '../../http/zod-validation.pipe.js';
import { LocaleParam, PreviewTemplateBody, PutTemplateBody, TemplateKeyParam } from './playbook-template.schemas.js';
import { PlaybookTemplatesService } from './playbook-templates.service.js';
import { TemplatePreviewResponse, TemplateResponse, TemplatesResponse } from './playbook-templates.responses.js';

const KeyParam = () => Param('key', new ZodValidationPipe(TemplateKeyParam));
const LocaleOf = () => Param('locale', new ZodValidationPipe(LocaleParam));

@ApiTags('playbook')
@ApiBearerAuth()
@Controller('playbook/templates')
export class PlaybookTemplatesController {
  constructor(private readonly templates: PlaybookTemplatesService) {}

  @Get()
  @ApiZodResponse(TemplatesResponse)
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'Every playbook text in each locale: the body in force, the default and its variables' })
  async list() {
    return { items: await this.templates.list() };
  }

  @Get(':key/:locale')
  @ApiZodResponse(TemplateResponse)
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'One playbook text in one locale' })
  get(@KeyParam() key: string, @LocaleOf() locale: Locale) {
    return this.templates.get(key, locale);
  }

  @Put(':key/:locale')
  @ApiZodResponse(TemplateResponse)
  @Allow('admin')
  @ApiOperation({ summary: "Replace a playbook text's wording; used from the next reply on, no restart" })
  @ApiZodBody(PutTemplateBody)
  put(
    @CurrentPrincipal() actor: Principal,
    @KeyParam() key: string,
    @LocaleOf() locale: Locale,
    @ValidBody(PutTemplateBody) input: z.infer<typeof PutTemplateBody>,
  ) {
    return this.templates.override(actor, key, locale, input.body);
  }

  @Delete(':key/:locale')
  @ApiZodResponse(TemplateResponse)
  @Allow('admin')
  @ApiOperation({ summary: 'Return a playbook text to its shipped default' })
  reset(@CurrentPrincipal() actor: Principal, @KeyParam() key: string, @LocaleOf() locale: Locale) {
    return this.templates.reset(actor, key, locale);
  }

  @Post(':key/:locale/preview')
  @ApiZodResponse(TemplatePreviewResponse)
  @Allow('admin', 'leader')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Render the text in force, or a draft `body`, with sample values; a missing or unknown variable answers 400 naming it',
  })
  @ApiZodBody(PreviewTemplateBody)
  async preview(
    @KeyParam() key: string,
    @LocaleOf() locale: Locale,
    @ValidBody(PreviewTemplateBody) input: z.infer<typeof PreviewTemplateBody>,
  ) {
    return { text: await this.templates.preview(key, locale, input.view, input.body) };
  }
}
