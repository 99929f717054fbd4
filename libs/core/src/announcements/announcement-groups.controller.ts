import { Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ValidBody, ValidQuery } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { CreateGroupBody, PageQuery, UuidParam } from './announcement.schemas.js';
import { AnnouncementGroupsService } from './announcement-groups.service.js';

const IdParam = () => Param('id', new ZodValidationPipe(UuidParam));
const UserIdParam = () => Param('userId', new ZodValidationPipe(UuidParam));

@ApiTags('announcements')
@ApiBearerAuth()
@Controller('announcement-groups')
export class AnnouncementGroupsController {
  constructor(private readonly groups: AnnouncementGroupsService) {}

  @Get()
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'Announcement groups with their number of active members' })
  @ApiZodQuery(PageQuery)
  list(@ValidQuery(PageQuery) page: z.infer<typeof PageQuery>) {
    return this.groups.list(page);
  }

  @Post()
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'Create an announcement group' })
  @ApiZodBody(CreateGroupBody)
  create(@CurrentPrincipal() actor: Principal, @ValidBody(CreateGroupBody) body: z.infer<typeof CreateGroupBody>) {
    return this.groups.create(actor, body.name, body.description);
  }

  @Get(':id')
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'One group with its active members' })
  get(@IdParam() id: string) {
    return this.groups.get(id);
  }

  @Put(':id/members/:userId')
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'Add a person to the group; adding a member again changes nothing' })
  addMember(@CurrentPrincipal() actor: Principal, @IdParam() id: string, @UserIdParam() userId: string) {
    return this.groups.addMember(actor, id, userId);
  }

  @Delete(':id/members/:userId')
  @Allow('admin', 'leader')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a person out of the group; announcements already published keep their audience' })
  async removeMember(
    @CurrentPrincipal() actor: Principal,
    @IdParam() id: string,
    @UserIdParam() userId: string,
  ): Promise<void> {
    await this.groups.removeMember(actor, id, userId);
  }
}
