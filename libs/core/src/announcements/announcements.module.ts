import { Module } from '@nestjs/common';
import { AnnouncementAcknowledgementsService } from './announcement-acknowledgements.service.js';
import { AnnouncementGroupsController } from './announcement-groups.controller.js';
import { AnnouncementGroupsService } from './announcement-groups.service.js';
import { AnnouncementsController } from './announcements.controller.js';
import { AnnouncementsService } from './announcements.service.js';

/** docs/playbook.md §5: announcements to groups, acknowledged in Escala or by a like on the Teams post. */
@Module({
  controllers: [AnnouncementGroupsController, AnnouncementsController],
  providers: [AnnouncementGroupsService, AnnouncementsService, AnnouncementAcknowledgementsService],
  exports: [AnnouncementGroupsService, AnnouncementsService, AnnouncementAcknowledgementsService],
})
export class AnnouncementsModule {}
