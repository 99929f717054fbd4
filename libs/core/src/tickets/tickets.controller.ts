import { Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, type Locale } from '@escala/domain';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, ValidBody, ValidQuery } from '../http/zod-openapi.js';
import { EntriesResponse, EntryResponse, TicketPageResponse, TicketResponse } from './ticket.responses.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ReaderLocale } from '../http/reader-locale.js';
import {
  AnalysisBody,
  CreateTicketBody,
  EntryBody,
  EscalateBody,
  ListTicketsQuery,
  StatusBody,
  UpdateTicketBody,
} from './ticket.schemas.js';
import { TicketEntriesService } from './ticket-entries.service.js';
import { TicketQueryService } from './ticket-query.service.js';
import { ticketView } from './ticket-view.js';
import { TicketWorkflowService } from './ticket-workflow.service.js';
import { TicketsService } from './tickets.service.js';

const IdParam = () => Param('id', new ZodValidationPipe(z.uuid()));

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly workflow: TicketWorkflowService,
    private readonly entries: TicketEntriesService,
    private readonly query: TicketQueryService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Open a ticket; it is routed by category under the active support structure' })
  @ApiZodBody(CreateTicketBody)
  @ApiZodResponse(TicketResponse, 201)
  create(@CurrentPrincipal() caller: Principal, @ValidBody(CreateTicketBody) body: z.infer<typeof CreateTicketBody>) {
    return this.tickets.create(caller, body);
  }

  @Get()
  @Allow(...ROLES)
  @ApiOperation({
    summary: 'List tickets newest first, filtered, with full-text search (q) and a cursor for the next page',
  })
  @ApiZodQuery(ListTicketsQuery)
  @ApiZodResponse(TicketPageResponse)
  list(@ValidQuery(ListTicketsQuery) query: z.infer<typeof ListTicketsQuery>) {
    return this.query.list(query);
  }

  @Get(':id')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'One ticket' })
  @ApiZodResponse(TicketResponse)
  async get(@IdParam() id: string) {
    return ticketView(await this.tickets.get(id));
  }

  @Patch(':id')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Edit subject, description, product, module, tags, customer deadlines, assignee or SPOC' })
  @ApiZodBody(UpdateTicketBody)
  @ApiZodResponse(TicketResponse)
  update(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(UpdateTicketBody) body: z.infer<typeof UpdateTicketBody>,
  ) {
    return this.tickets.update(caller, id, body);
  }

  // A move of an existing ticket creates nothing: 200 with the ticket, like PATCH.
  @Post(':id/status')
  @HttpCode(200)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Move the ticket through its lifecycle; an illegal move answers 409 with the allowed ones' })
  @ApiZodBody(StatusBody)
  @ApiZodResponse(TicketResponse)
  changeStatus(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(StatusBody) body: z.infer<typeof StatusBody>,
  ) {
    return this.workflow.changeStatus(caller, id, body.status, body.reason);
  }

  @Post(':id/escalations')
  @HttpCode(200)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Escalate along a configured path with a reason; the SPOC keeps following the ticket' })
  @ApiZodBody(EscalateBody)
  @ApiZodResponse(TicketResponse)
  escalate(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(EscalateBody) body: z.infer<typeof EscalateBody>,
  ) {
    return this.workflow.escalate(caller, id, body);
  }

  @Post(':id/entries')
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      'Post a public reply or an internal note (trâmite); tiers that do not talk to customers get 403 for public ones',
  })
  @ApiZodBody(EntryBody)
  @ApiZodResponse(EntryResponse, 201)
  addEntry(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(EntryBody) body: z.infer<typeof EntryBody>,
  ) {
    return this.entries.add(caller, id, body);
  }

  @Get(':id/entries')
  @Allow(...ROLES)
  @ApiOperation({
    summary:
      "The ticket history: public replies, internal notes and system events, oldest first; the system's lines in the Accept-Language of the reader (pt-BR by default, or en)",
  })
  @ApiHeader({ name: 'accept-language', required: false, description: 'pt-BR (default) or en' })
  @ApiZodResponse(EntriesResponse)
  async listEntries(@IdParam() id: string, @ReaderLocale() locale: Locale) {
    return { items: await this.entries.list(id, undefined, locale) };
  }

  @Post(':id/analysis')
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Record the technical analysis ("Análise Técnico")' })
  @ApiZodBody(AnalysisBody)
  @ApiZodResponse(TicketResponse, 201)
  recordAnalysis(
    @CurrentPrincipal() caller: Principal,
    @IdParam() id: string,
    @ValidBody(AnalysisBody) body: z.infer<typeof AnalysisBody>,
  ) {
    return this.tickets.recordAnalysis(caller, id, body);
  }

  @Get(':id/audit')
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'Every recorded change of the ticket, oldest first, with before and after' })
  async auditTrail(@IdParam() id: string) {
    await this.tickets.get(id);
    return { items: await this.audit.trail('ticket', id) };
  }
}
