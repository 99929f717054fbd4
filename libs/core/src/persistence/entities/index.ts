import { AuditRecordSchema } from './audit-record.entity.js';
import { AuthTokenSchema } from './auth-token.entity.js';
import { ChannelDeliverySchema, DeliveryAttemptSchema } from './channel-delivery.entity.js';
import { ChannelSchema } from './channel.entity.js';
import { OutboxEventSchema } from './outbox-event.entity.js';
import { TimerSchema } from './timer.entity.js';
import { UserSchema } from './user.entity.js';
import { UserExternalIdentitySchema } from './user-external-identity.entity.js';
import { PlaybookTemplateOverrideSchema } from './playbook-template-override.entity.js';
import {
  AnnouncementGroupMemberSchema,
  AnnouncementGroupSchema,
  AnnouncementRecipientSchema,
  AnnouncementSchema,
} from './announcement.entity.js';
import {
  CustomerContactSchema,
  CustomerProductSchema,
  CustomerSchema,
  ImplementationItemSchema,
} from './customer.entity.js';
import { SupportMemberSchema } from './support-member.entity.js';
import { SupportStructureVersionSchema } from './support-structure-version.entity.js';
import { TicketEntrySchema, TicketExternalReferenceSchema, TicketSchema } from './ticket.entity.js';
import { TicketPlaybookSchema } from './ticket-playbook.entity.js';
import { InoperativeServiceSchema } from './inoperative-service.entity.js';
import { ErrorSheetRequestSchema } from './error-sheet-request.entity.js';
import { ImprovementSuggestionSchema } from './improvement-suggestion.entity.js';
import { PriorityRequestSchema } from './priority-request.entity.js';
import { TicketFollowUpSchema } from './ticket-follow-up.entity.js';

export * from './audit-record.entity.js';
export * from './auth-token.entity.js';
export * from './outbox-event.entity.js';
export * from './timer.entity.js';
export * from './user.entity.js';
export * from './user-external-identity.entity.js';
export * from './playbook-template-override.entity.js';
export * from './announcement.entity.js';
export * from './channel.entity.js';
export * from './channel-delivery.entity.js';
export * from './customer.entity.js';
export * from './support-member.entity.js';
export * from './support-structure-version.entity.js';
export * from './ticket.entity.js';
export * from './ticket-playbook.entity.js';
export * from './inoperative-service.entity.js';
export * from './error-sheet-request.entity.js';
export * from './improvement-suggestion.entity.js';
export * from './priority-request.entity.js';
export * from './ticket-follow-up.entity.js';

/** Every entity the core persists; features add theirs here. */
export const coreEntities = [
  UserSchema,
  AuthTokenSchema,
  AuditRecordSchema,
  OutboxEventSchema,
  PlaybookTemplateOverrideSchema,
  TimerSchema,
  AnnouncementGroupSchema,
  AnnouncementGroupMemberSchema,
  AnnouncementSchema,
  AnnouncementRecipientSchema,
  ChannelSchema,
  ChannelDeliverySchema,
  DeliveryAttemptSchema,
  SupportStructureVersionSchema,
  SupportMemberSchema,
  CustomerSchema,
  CustomerContactSchema,
  CustomerProductSchema,
  ImplementationItemSchema,
  TicketSchema,
  TicketEntrySchema,
  TicketExternalReferenceSchema,
  TicketPlaybookSchema,
  InoperativeServiceSchema,
  ErrorSheetRequestSchema,
  ImprovementSuggestionSchema,
  PriorityRequestSchema,
  TicketFollowUpSchema,
  UserExternalIdentitySchema,
];
