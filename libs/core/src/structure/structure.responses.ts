import { AGENT_CHANNELS } from '@escala/domain';
import { z } from 'zod';
import { StructureDefinition } from './structure.schemas.js';

export const ActiveStructureResponse = z.object({ version: z.number().int(), structure: StructureDefinition });

export const MembersResponse = z.object({
  items: z.array(
    z.object({
      userId: z.uuid(),
      unitKey: z.string(),
      channel: z.enum(AGENT_CHANNELS).nullable(),
      function: z.enum(['agent', 'supervisor']),
      login: z.string().optional(),
      displayName: z.string().optional(),
    }),
  ),
});
