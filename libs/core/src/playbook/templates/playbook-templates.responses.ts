import { LOCALES } from '@escala/domain';
import { z } from 'zod';
import { Instant } from '../../tickets/ticket.responses.js';

export const TemplateResponse = z.object({
  key: z.string(),
  locale: z.enum(LOCALES),
  description: z.string(),
  /** The variables the body may use, as `{{name}}`. */
  variables: z.array(z.string()),
  body: z.string(),
  defaultBody: z.string(),
  overridden: z.boolean(),
  updatedAt: Instant.nullable(),
});

export const TemplatesResponse = z.object({ items: z.array(TemplateResponse) });

export const TemplatePreviewResponse = z.object({ text: z.string() });
