import { AGENT_CHANNELS, STRUCTURE_PRESET_KEYS } from '@escala/domain';
import { z } from 'zod';
import { Instant } from '../tickets/ticket.responses.js';
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

export const PresetsResponse = z.object({
  items: z.array(z.object({ key: z.enum(STRUCTURE_PRESET_KEYS), structure: StructureDefinition })),
});

const VersionSummary = z.object({
  version: z.number().int(),
  preset: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  /** Who saved it, as people read it (null for a version the system saved). */
  createdByName: z.string().nullable(),
  createdAt: Instant,
});

export const VersionsResponse = z.object({ items: z.array(VersionSummary) });

export const VersionResponse = VersionSummary.extend({ definition: StructureDefinition });

const ChangedValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.object({ 'pt-BR': z.string(), en: z.string() }),
]);

/** What saving a draft would change against the active version; it was checked like a save. */
export const StructurePreviewResponse = z.object({
  basedOn: z.number().int().nullable(),
  changes: z.array(
    z.object({
      subject: z.enum(['structure', 'unit', 'category']),
      key: z.string().nullable(),
      change: z.enum(['added', 'removed', 'changed']),
      field: z.string().nullable(),
      before: ChangedValue,
      after: ChangedValue,
    }),
  ),
  /** Where each category's new tickets would go under the draft. */
  routing: z.array(z.object({ category: z.string(), unitKey: z.string() })),
});
