import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@escala/domain';
import { z } from 'zod';
import { Allow } from '../auth/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, ValidBody, ValidQuery } from '../http/zod-openapi.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ListAnnouncementsQuery, PageQuery, PublishAnnouncementBody, UuidParam } from './announcement.schemas.js';
import { AnnouncementAcknowledgementsService } from './announcement-acknowledgements.service.js';
import { AnnouncementsService } from './announcements.service.js';
import {
  AnnouncementStatusResponse,
  AnnouncementSummaryResponse,
  AnnouncementsResponse,
} from './announcements.responses.js';

const IdParam = () => Param('id', new ZodValidationPipe(UuidParam));

@ApiTags('announcements')
@ApiBearerAuth()
@Controller('announcements')
export class AnnouncementsController {
  constructor(
    private readonly announcements: AnnouncementsService,
    private readonly acknowledgements: AnnouncementAcknowledgementsService,
  ) {}

  @Post()
  @ApiZodResponse(AnnouncementSummaryResponse, 201)
  @Allow('leader')
  @ApiOperation({
    summary: 'Publish to a group; its active members are the audience and announcement.published goes to the outbox',
  })
  @ApiZodBody(PublishAnnouncementBody)
  publish(
    @CurrentPrincipal() leader: Principal,
    @ValidBody(PublishAnnouncementBody) body: z.infer<typeof PublishAnnouncementBody>,
  ) {
    return this.announcements.publish(leader, body);
  }

  @Get()
  @ApiZodResponse(AnnouncementsResponse)
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'Announcements newest first, with how many of the audience acknowledged' })
  @ApiZodQuery(ListAnnouncementsQuery)
  list(@ValidQuery(ListAnnouncementsQuery) query: z.infer<typeof ListAnnouncementsQuery>) {
    return this.announcements.list(query);
  }

  @Get('unacknowledged')
  @Allow(...ROLES)
  @ApiOperation({ summary: "The caller's announcements still waiting for their acknowledgement" })
  @ApiZodQuery(PageQuery)
  unacknowledged(@CurrentPrincipal() member: Principal, @ValidQuery(PageQuery) page: z.infer<typeof PageQuery>) {
    return this.announcements.unacknowledgedBy(member.userId, page);
  }

  @Get(':id')
  @ApiZodResponse(AnnouncementStatusResponse)
  @Allow('admin', 'leader')
  @ApiOperation({ summary: 'One announcement: who acknowledged (when, how) and who has not' })
  get(@IdParam() id: string) {
    return this.announcements.acknowledgementStatus(id);
  }

  @Post(':id/acknowledgements')
  @Allow(...ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge as the caller; a second acknowledgement changes nothing' })
  acknowledge(@CurrentPrincipal() member: Principal, @IdParam() id: string) {
    return this.acknowledgements.acknowledge(member, {
      announcementId: id,
      member: { userId: member.userId },
      via: 'escala',
    });
  }

  @Post(':id/reminders')
  @Allow('leader')
  @ApiOperation({
    summary: 'Ask the connectors to remind those who have not acknowledged (announcement.reminder_requested)',
  })
  remind(@CurrentPrincipal() leader: Principal, @IdParam() id: string) {
    return this.acknowledgements.remind(leader, id);
  }
}
