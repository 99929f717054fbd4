import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Refusal, acknowledgeAnnouncement, requestAnnouncementReminder, type Acknowledgement } from '@escala/domain';
import { AuditService, type Actor } from '../audit/audit.service.js';
import { domainEvent } from '../audit/domain-event.js';
import type { Principal } from '../auth/principal.js';
import { AnnouncementRecipientSchema } from '../persistence/entities/index.js';
import { announcementRule, membersById, queueEvent } from './announcement-records.js';
import { AnnouncementsService } from './announcements.service.js';

/** A member of the audience named by user id (in Escala) or by e-mail (a Teams reaction). */
export type AnnouncementMember = { userId: string } | { email: string };

export interface AcknowledgementRequest {
  announcementId: string;
  member: AnnouncementMember;
  via: Acknowledgement['via'];
  /** When the member acknowledged, e.g. the time of the like; now by default. */
  at?: Date;
}

export interface AcknowledgementOutcome {
  announcementId: string;
  userId: string;
  acknowledgedAt: Date;
  via: Acknowledgement['via'];
  /** False when the member had already acknowledged: nothing was written. */
  recorded: boolean;
}

/**
 * Acknowledgements and reminders. `acknowledge` is also the path a connector takes on a member's
 * behalf (a like on the Teams post): it is idempotent, so a redelivered reaction changes nothing.
 */
@Injectable()
export class AnnouncementAcknowledgementsService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
    private readonly announcements: AnnouncementsService,
  ) {}

  async acknowledge(actor: Actor, request: AcknowledgementRequest): Promise<AcknowledgementOutcome> {
    return this.em.transactional(async (tx) => {
      const { announcement, recipients } = await this.announcements.load(tx, request.announcementId);
      const { rule, acknowledgements } = announcementRule(announcement, recipients);
      const memberId = this.memberId(
        recipients.map((recipient) => recipient.user),
        request.member,
      );
      const at = request.at ?? new Date();
      const after = acknowledgeAnnouncement(rule, acknowledgements, { memberId, at, via: request.via });
      const standing = after.find((ack) => ack.memberId === memberId)!;
      const outcome = {
        announcementId: announcement.id,
        userId: memberId,
        acknowledgedAt: standing.at,
        via: standing.via,
      };
      if (after.length === acknowledgements.length) return { ...outcome, recorded: false };
      // Conditional, so two likes arriving at once cannot both count: the loser reads the winner's.
      const claimed = await tx.nativeUpdate(
        AnnouncementRecipientSchema,
        { announcement: announcement.id, user: memberId, acknowledgedAt: null },
        { acknowledgedAt: at, acknowledgedVia: request.via },
      );
      if (claimed === 0) {
        const winner = await tx.findOneOrFail(
          AnnouncementRecipientSchema,
          { announcement: announcement.id, user: memberId },
          { refresh: true },
        );
        return {
          ...outcome,
          acknowledgedAt: winner.acknowledgedAt ?? at,
          via: winner.acknowledgedVia ?? request.via,
          recorded: false,
        };
      }
      this.audit.record({
        actor,
        action: 'announcement.acknowledged',
        subjectType: 'announcement',
        subjectId: announcement.id,
        after: { userId: memberId, at: at.toISOString(), via: request.via },
      });
      return { ...outcome, recorded: true };
    });
  }

  /** `announcement.reminder_requested` names the members still to acknowledge, for the connector to nudge. */
  async remind(leader: Principal, announcementId: string) {
    return this.em.transactional(async (tx) => {
      const { announcement, recipients } = await this.announcements.load(tx, announcementId);
      const { rule, acknowledgements } = announcementRule(announcement, recipients);
      const reminder = requestAnnouncementReminder(rule, acknowledgements, leader.userId, leader.roles, new Date());
      const pending = membersById(recipients, reminder.pending);
      queueEvent(
        tx,
        reminder.event,
        domainEvent('announcement.reminder_requested', {
          announcementId: announcement.id,
          groupId: announcement.group.id,
          group: rule.group,
          title: rule.title,
          pending,
          requestedBy: { userId: leader.userId, displayName: leader.displayName },
          acknowledgeBy: rule.acknowledgeBy?.toISOString() ?? null,
        }),
      );
      this.audit.record({
        actor: leader,
        action: 'announcement.reminder_requested',
        subjectType: 'announcement',
        subjectId: announcement.id,
        after: { pending: reminder.pending },
      });
      return { announcementId: announcement.id, pending, requestedAt: reminder.event.occurredAt };
    });
  }

  private memberId(audience: readonly { id: string; email?: string | null }[], member: AnnouncementMember): string {
    if ('userId' in member) return member.userId;
    const email = member.email.trim().toLowerCase();
    const match = audience.find((user) => user.email?.toLowerCase() === email);
    if (!match) throw Refusal.notFound(`Nobody in this announcement's audience has the e-mail ${member.email}`);
    return match.id;
  }
}
