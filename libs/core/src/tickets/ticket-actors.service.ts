import { Injectable } from '@nestjs/common';
import type { TicketActor } from '@escala/domain';
import { SupportMembersService } from '../structure/support-members.service.js';
import type { TicketCaller } from './ticket-view.js';

/** Turns a caller into what the domain's permission rules look at: roles and unit. */
@Injectable()
export class TicketActors {
  constructor(private readonly members: SupportMembersService) {}

  /** Null for the system, which the rules do not restrict. */
  async resolve(caller: TicketCaller): Promise<TicketActor | null> {
    if ('system' in caller) return null;
    return { userId: caller.userId, roles: caller.roles ?? [], unitKey: await this.members.unitOf(caller.userId) };
  }
}
