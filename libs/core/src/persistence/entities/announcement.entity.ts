import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ACKNOWLEDGEMENT_CHANNELS } from '@escala/domain';
import { UserSchema } from './user.entity.js';

/** A named audience for announcements, e.g. "Avisos Importantes Secundários". */
export const AnnouncementGroupSchema = defineEntity({
  name: 'AnnouncementGroup',
  tableName: 'announcement_groups',
  properties: {
    id: p.uuid().primary(),
    name: p.string(),
    description: p.text().nullable(),
    createdAt: p.datetime(),
  },
});

export const AnnouncementGroupMemberSchema = defineEntity({
  name: 'AnnouncementGroupMember',
  tableName: 'announcement_group_members',
  properties: {
    id: p.uuid().primary(),
    group: () => p.manyToOne(AnnouncementGroupSchema),
    user: () => p.manyToOne(UserSchema),
    addedAt: p.datetime(),
  },
});

export const AnnouncementSchema = defineEntity({
  name: 'Announcement',
  tableName: 'announcements',
  properties: {
    id: p.uuid().primary(),
    group: () => p.manyToOne(AnnouncementGroupSchema),
    title: p.string(),
    body: p.text(),
    locale: p.string(),
    acknowledgeBy: p.datetime().nullable(),
    publishedBy: () => p.manyToOne(UserSchema).fieldName('published_by'),
    publishedAt: p.datetime(),
  },
});

/** One member of an announcement's audience and, once given, their acknowledgement. */
export const AnnouncementRecipientSchema = defineEntity({
  name: 'AnnouncementRecipient',
  tableName: 'announcement_recipients',
  properties: {
    id: p.uuid().primary(),
    announcement: () => p.manyToOne(AnnouncementSchema),
    user: () => p.manyToOne(UserSchema),
    acknowledgedAt: p.datetime().nullable(),
    acknowledgedVia: p.enum(ACKNOWLEDGEMENT_CHANNELS).nullable(),
  },
});

export type AnnouncementGroup = InferEntity<typeof AnnouncementGroupSchema>;
export type AnnouncementGroupMember = InferEntity<typeof AnnouncementGroupMemberSchema>;
export type Announcement = InferEntity<typeof AnnouncementSchema>;
export type AnnouncementRecipient = InferEntity<typeof AnnouncementRecipientSchema>;
