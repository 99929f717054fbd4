import { AGENT_CHANNELS, STRUCTURE_PRESET_KEYS } from '@escala/domain';
import { z } from 'zod';

const key = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const hours = z.number().positive().max(10_000).nullable();

export const StructureDefinition = z.strictObject({
  name: z.string().trim().min(1).max(200),
  entryUnit: key,
  spocUnit: key.nullable(),
  categories: z
    .array(
      z.strictObject({
        key,
        label: z.strictObject({ 'pt-BR': z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
      }),
    )
    .min(1)
    .max(500),
  units: z
    .array(
      z.strictObject({
        key,
        kind: z.enum(['tier', 'stage', 'desk']),
        name: z.string().trim().min(1).max(200),
        tier: key.nullable(),
        stage: z.number().int().min(1).max(20).nullable(),
        talksToCustomers: z.boolean(),
        firstResponseHours: hours,
        analysisHours: hours,
        categories: z.array(key).max(500),
        escalatesTo: z.array(key).max(50),
      }),
    )
    .min(1)
    .max(100),
});

export const CreateStructureVersionBody = z.union([
  z.strictObject({ preset: z.enum(STRUCTURE_PRESET_KEYS), note: z.string().max(2000).optional() }),
  z.strictObject({ definition: StructureDefinition, note: z.string().max(2000).optional() }),
]);

export const StructurePreviewBody = z.strictObject({ definition: StructureDefinition });

export const PlaceMemberBody = z.strictObject({
  unitKey: key,
  channel: z.enum(AGENT_CHANNELS).nullable().default(null),
  function: z.enum(['agent', 'supervisor']).default('agent'),
});

export const MembersQuery = z.strictObject({
  function: z.enum(['agent', 'supervisor']).optional(),
  unitKey: key.optional(),
});

export type CreateStructureVersionInput = z.infer<typeof CreateStructureVersionBody>;
export type PlaceMemberInput = z.infer<typeof PlaceMemberBody>;
