import { CONTACT_MEANS } from '@escala/domain';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const PartnerProductBody = z.strictObject({ partnerName: text(200), productName: text(200) });
export const PartnerNotificationBody = z.strictObject({ means: z.enum(CONTACT_MEANS), note: text(2000) });
