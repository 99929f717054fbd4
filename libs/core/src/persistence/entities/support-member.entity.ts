import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AGENT_CHANNELS } from '@escala/domain';

/** Where a person sits in the support structure: their unit, channel, and whether they supervise it. */
export const SupportMemberSchema = defineEntity({
  name: 'SupportMember',
  tableName: 'support_members',
  properties: {
    userId: p.uuid().primary(),
    unitKey: p.string(),
    channel: p.enum(AGENT_CHANNELS).nullable(),
    function: p.enum(['agent', 'supervisor'] as const),
    updatedAt: p.datetime(),
  },
});

export type SupportMember = InferEntity<typeof SupportMemberSchema>;
