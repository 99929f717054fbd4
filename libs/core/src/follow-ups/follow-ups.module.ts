import { Module } from '@nestjs/common';
import { TicketFollowUpsController } from './ticket-follow-ups.controller.js';
import { TicketFollowUpsService } from './ticket-follow-ups.service.js';

/** Follow-ups and commitments on tickets: what the queue counts as owed once their time comes (docs/playbook.md §4.2). */
@Module({
  controllers: [TicketFollowUpsController],
  providers: [TicketFollowUpsService],
})
export class FollowUpsModule {}
