import { Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, STRUCTURE_PRESET_KEYS, STRUCTURE_PRESETS } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, ValidBody, ValidQuery } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import {
  CreateStructureVersionBody,
  MembersQuery,
  PlaceMemberBody,
  StructurePreviewBody,
} from './structure.schemas.js';
import { SupportMembersService } from './support-members.service.js';
import { SupportStructureService } from './support-structure.service.js';
import {
  ActiveStructureResponse,
  MemberResponse,
  MembersResponse,
  PresetsResponse,
  StructurePreviewResponse,
  VersionResponse,
  VersionsResponse,
} from './structure.responses.js';

const UserIdParam = () => Param('userId', new ZodValidationPipe(z.uuid()));

@ApiTags('support structure')
@ApiBearerAuth()
@Controller()
export class StructureController {
  constructor(
    private readonly structures: SupportStructureService,
    private readonly members: SupportMembersService,
  ) {}

  @Get('support-structure')
  @ApiZodResponse(ActiveStructureResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The active support structure: tiers, stages, desks, categories, escalation paths' })
  active() {
    return this.structures.active();
  }

  @Get('support-structure/presets')
  @ApiZodResponse(PresetsResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'The shipped presets (two-stage-n1 and n1-n5, docs/playbook.md §10)' })
  presets() {
    return { items: STRUCTURE_PRESET_KEYS.map((key) => ({ key, structure: STRUCTURE_PRESETS[key] })) };
  }

  @Get('support-structure/versions')
  @ApiZodResponse(VersionsResponse)
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'Every saved version, newest first' })
  async versions() {
    return { items: await this.structures.list() };
  }

  @Get('support-structure/versions/:version')
  @ApiZodResponse(VersionResponse)
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'One saved version with its definition' })
  version(@Param('version', new ZodValidationPipe(z.coerce.number().int().min(1).max(2_000_000_000))) version: number) {
    return this.structures.get(version);
  }

  @Post('support-structure/versions')
  @ApiZodResponse(VersionResponse, 201)
  @Allow('admin')
  @ApiOperation({ summary: 'Save a new version from a preset or a full definition; it becomes active' })
  @ApiZodBody(CreateStructureVersionBody)
  save(
    @CurrentPrincipal() actor: Principal,
    @ValidBody(CreateStructureVersionBody) body: z.infer<typeof CreateStructureVersionBody>,
  ) {
    return this.structures.save(actor, body);
  }

  @Post('support-structure/preview')
  @HttpCode(200)
  @ApiZodResponse(StructurePreviewResponse)
  @Allow('admin')
  @ApiOperation({
    summary: 'What saving a draft definition would change (checked as a save would check it); saves nothing',
  })
  @ApiZodBody(StructurePreviewBody)
  preview(@ValidBody(StructurePreviewBody) body: z.infer<typeof StructurePreviewBody>) {
    return this.structures.preview(body.definition);
  }

  @Get('support-members')
  @ApiZodResponse(MembersResponse)
  @Allow(...ROLES)
  @ApiOperation({ summary: 'Who works in which unit and channel; function=supervisor gives the supervisors register' })
  @ApiZodQuery(MembersQuery)
  async listMembers(@ValidQuery(MembersQuery) query: z.infer<typeof MembersQuery>) {
    return { items: await this.members.list(query) };
  }

  @Put('support-members/:userId')
  @ApiZodResponse(MemberResponse)
  @Allow('admin', 'relationship')
  @ApiOperation({ summary: 'Place a person in a tier, stage or desk, on a channel, as agent or supervisor' })
  @ApiZodBody(PlaceMemberBody)
  place(
    @CurrentPrincipal() actor: Principal,
    @UserIdParam() userId: string,
    @ValidBody(PlaceMemberBody) body: z.infer<typeof PlaceMemberBody>,
  ) {
    return this.members.place(actor, userId, body);
  }

  @Delete('support-members/:userId')
  @Allow('admin', 'relationship')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a person out of the support structure' })
  async remove(@CurrentPrincipal() actor: Principal, @UserIdParam() userId: string): Promise<void> {
    await this.members.remove(actor, userId);
  }
}
