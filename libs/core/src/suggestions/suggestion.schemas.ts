import { z } from 'zod';
import { SUGGESTION_STATUSES } from '../persistence/entities/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const CreateSuggestionBody = z.strictObject({
  title: text(300),
  description: text(20_000),
  originTicketId: z.uuid().nullable().default(null),
  originCustomerId: z.uuid().nullable().default(null),
  ownerId: z.uuid().nullable().default(null),
});

export const UpdateSuggestionBody = z
  .strictObject({ status: z.enum(SUGGESTION_STATUSES).optional(), ownerId: z.uuid().nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const ListSuggestionsQuery = z.strictObject({
  status: z.enum(SUGGESTION_STATUSES).optional(),
  ownerId: z.uuid().optional(),
  originTicketId: z.uuid().optional(),
  originCustomerId: z.uuid().optional(),
});

export type CreateSuggestionInput = z.infer<typeof CreateSuggestionBody>;
export type UpdateSuggestionInput = z.infer<typeof UpdateSuggestionBody>;
export type ListSuggestionsInput = z.infer<typeof ListSuggestionsQuery>;
