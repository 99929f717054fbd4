import { describe, expect, it } from 'vitest';
import { SAMPLE_TICKET } from '@escala/connector-kit/testing';
import { matchesSubscription } from './subscription.js';

const any = { eventTypes: ['*'], tiers: [], stages: [], units: [], tags: [], categories: [] };
const about = (ticket: Partial<typeof SAMPLE_TICKET>) => ({ ticket: { ...SAMPLE_TICKET, ...ticket } });
const n2 = about({ unit: { key: 'N2', tier: 'N2', stage: null } });
const n1e2 = about({ unit: { key: 'N1-E2', tier: 'N1', stage: 2 }, tags: ['NFS-e'], category: 'cancelamento' });

describe('matchesSubscription', () => {
  it.each([
    [{ ...any }, 'ticket.urgent', {}, true],
    [{ ...any, eventTypes: ['ticket.urgent'] }, 'ticket.urgent', n2, true],
    [{ ...any, eventTypes: ['ticket.urgent'] }, 'sla.warning', n2, false],
    [{ ...any, eventTypes: ['sla.*'] }, 'sla.breached', n2, true],
    [{ ...any, eventTypes: ['sla.*'] }, 'slash.x', n2, false],
    [{ ...any, tiers: ['N2'] }, 'sla.warning', n2, true],
    [{ ...any, tiers: ['N2'] }, 'sla.warning', n1e2, false],
    [{ ...any, tiers: ['N2'] }, 'support_structure.changed', { version: 2, preset: null }, false],
    [{ ...any, stages: ['2'] }, 'ticket.created', n1e2, true],
    [{ ...any, stages: ['2'] }, 'ticket.created', n2, false],
    [{ ...any, units: ['N1-E2'] }, 'ticket.note_added', n1e2, true],
    [{ ...any, units: ['N1-E2'] }, 'ticket.note_added', n2, false],
    [{ ...any, tags: ['URGENTE'] }, 'ticket.updated', n2, true],
    [{ ...any, tags: ['URGENTE'] }, 'ticket.updated', n1e2, false],
    [{ ...any, categories: ['cancelamento'], tiers: ['N1'] }, 'ticket.created', n1e2, true],
    [
      { ...any, categories: ['cancelamento'], tiers: ['N1'] },
      'ticket.created',
      about({ category: 'cancelamento', unit: n2.ticket.unit }),
      false,
    ],
    [{ eventTypes: ['*'], tiers: ['N1'], stages: [], tags: [], categories: [] }, 'ticket.created', n1e2, true],
  ])('%j receives %s with %j: %s', (subscription, type, payload, expected) => {
    expect(matchesSubscription(subscription, { type, payload })).toBe(expected);
  });
});
