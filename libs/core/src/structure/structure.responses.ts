import { AGENT_CHANNELS } from '@escala/domain';
import { z } from 'zod';
import { StructureDefinition } from './structure.schemas.js';

export const ActiveStructureResponse = z.object({ version: z.number().int(), structure: StructureDefinition });

/** Where one person works: their placement as PUT /support-members/:userId answers it. */
export const MemberResponse = z.object({
  userId: z.uuid(),
  unitKey: z.string(),
  channel: z.enum(AGENT_CHANNELS).nullable(),
  function: z.enum(['agent', 'supervisor']),
});

export const MembersResponse = z.object({
  items: z.array(MemberResponse.extend({ login: z.string().optional(), displayName: z.string().optional() })),
});
