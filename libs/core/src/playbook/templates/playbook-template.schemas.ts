import { LOCALES } from '@escala/domain';
import { z } from 'zod';

export const TemplateKeyParam = z
  .string()
  .regex(/^[a-z0-9.+-]{1,120}$/, 'a template key such as partner-product.customer-message');
export const LocaleParam = z.enum(LOCALES);

export const PutTemplateBody = z.strictObject({
  body: z.string().trim().min(1).max(20_000),
});

export const PreviewTemplateBody = z.strictObject({
  /** Sample values for the template's variables. */
  view: z.record(z.string(), z.unknown()),
  /** A draft wording to render instead of the text in force, so an editor previews before saving. */
  body: PutTemplateBody.shape.body.optional(),
});
