import { CONTACT_MEANS } from '@escala/domain';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const OpenMediationBody = z.strictObject({
  thirdPartyName: text(200),
  verificationNeeded: text(5000),
  /** Who we speak for in the resend ("técnico(a) da …"). */
  companyName: text(200).default('nossa equipe de suporte'),
});

export const MediationContactBody = z.strictObject({ means: z.enum(CONTACT_MEANS), to: text(300) });
export const MediationReplyBody = z.strictObject({ withInformation: z.boolean(), summary: text(5000) });
export const MediationRefusalBody = z.strictObject({ note: text(2000) });

export type OpenMediationInput = z.infer<typeof OpenMediationBody>;
export type MediationContactInput = z.infer<typeof MediationContactBody>;
export type MediationReplyInput = z.infer<typeof MediationReplyBody>;
