import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ServiceCodeParam = z.string().regex(/^[a-z0-9-]{1,60}$/, 'lowercase letters, digits and - only');

export const UrgentBody = z.strictObject({ serviceCode: ServiceCodeParam, urgency: text(2000) });

export const InoperativeServiceBody = z.strictObject({
  label: z.strictObject({ 'pt-BR': text(200), en: text(200) }),
  active: z.boolean().default(true),
});

export type UrgentInput = z.infer<typeof UrgentBody>;
export type InoperativeServiceInput = z.infer<typeof InoperativeServiceBody>;
