import { z } from 'zod';
import { ERROR_SHEET_STATUSES } from '../persistence/entities/error-sheet-request.entity.js';
import { Instant } from '../tickets/ticket.responses.js';

export const ErrorSheetRequestResponse = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  description: z.string(),
  status: z.enum(ERROR_SHEET_STATUSES),
  requestedBy: z.uuid().nullable(),
  requestedAt: Instant,
  authorisedBy: z.uuid().nullable(),
  authorisedAt: Instant.nullable(),
  declinedBy: z.uuid().nullable(),
  declinedAt: Instant.nullable(),
  declineReason: z.string().nullable(),
});

export const ErrorSheetRequestsResponse = z.object({ items: z.array(ErrorSheetRequestResponse) });
