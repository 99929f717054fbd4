import type { DomainEventDraft } from '../audit/domain-event.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { type Acknowledgement, type Announcement as AnnouncementRule, type PlaybookEvent } from '@escala/domain';
import {
  OutboxEventSchema,
  type Announcement,
  type AnnouncementRecipient,
  type User,
} from '../persistence/entities/index.js';
import { memberView } from './announcement-groups.service.js';

/** The persisted announcement and its audience, as the domain rules see them. */
export function announcementRule(
  announcement: Announcement,
  recipients: readonly AnnouncementRecipient[],
): { rule: AnnouncementRule; acknowledgements: Acknowledgement[] } {
  return {
    rule: {
      group: announcement.group.name,
      title: announcement.title,
      body: announcement.body,
      audience: recipients.map((recipient) => recipient.user.id),
      publishedBy: announcement.publishedBy.id,
      publishedAt: announcement.publishedAt,
      acknowledgeBy: announcement.acknowledgeBy ?? null,
    },
    acknowledgements: recipients.flatMap((recipient) =>
      recipient.acknowledgedAt && recipient.acknowledgedVia
        ? [{ memberId: recipient.user.id, at: recipient.acknowledgedAt, via: recipient.acknowledgedVia }]
        : [],
    ),
  };
}

export function announcementView(announcement: Announcement) {
  return {
    id: announcement.id,
    group: { id: announcement.group.id, name: announcement.group.name },
    title: announcement.title,
    body: announcement.body,
    locale: announcement.locale,
    acknowledgeBy: announcement.acknowledgeBy ?? null,
    publishedBy: { userId: announcement.publishedBy.id, displayName: announcement.publishedBy.displayName },
    publishedAt: announcement.publishedAt,
  };
}

/** Members in the form connectors need to reach them (the Teams connector matches by e-mail). */
export function membersById(recipients: readonly AnnouncementRecipient[], ids: readonly string[]) {
  const byId = new Map(recipients.map((recipient) => [recipient.user.id, recipient.user as User]));
  return ids.map((id) => memberView(byId.get(id)!));
}

/**
 * Queues a rule's event in the caller's transaction, at the rule's instant; the payload is the
 * catalogue's, with the people as the core knows them.
 */
export function queueEvent(
  tx: EntityManager,
  event: Pick<PlaybookEvent, 'occurredAt'>,
  draft: DomainEventDraft<'announcement.published' | 'announcement.reminder_requested'>,
): void {
  tx.create(OutboxEventSchema, {
    id: randomUUID(),
    type: draft.type,
    aggregateType: 'announcement',
    aggregateId: draft.payload.announcementId,
    payload: draft.payload,
    occurredAt: event.occurredAt,
  });
}
