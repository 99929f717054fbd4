import { LOCALES } from '@escala/domain';
import { z } from 'zod';

export const UuidParam = z.uuid();

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ListAnnouncementsQuery = PageQuery.extend({
  groupId: z.uuid().optional(),
});

export const CreateGroupBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
});

export const PublishAnnouncementBody = z.strictObject({
  groupId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  /** pt-BR first; an English announcement says so. */
  locale: z.enum(LOCALES).default('pt-BR'),
  acknowledgeBy: z.iso
    .datetime({ offset: true })
    .transform((value) => new Date(value))
    .optional(),
});

export type Page = z.infer<typeof PageQuery>;
export type PublishAnnouncementInput = z.infer<typeof PublishAnnouncementBody>;
