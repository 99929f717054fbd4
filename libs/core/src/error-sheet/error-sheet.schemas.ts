import { z } from 'zod';
import { ERROR_SHEET_STATUSES } from '../persistence/entities/index.js';

export const ErrorSheetRequestBody = z.strictObject({ description: z.string().trim().min(1).max(5000) });
export const ErrorSheetListQuery = z.strictObject({ status: z.enum(ERROR_SHEET_STATUSES).optional() });
export const ErrorSheetDeclineBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
