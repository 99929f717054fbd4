import { describe, expect, it } from 'vitest';
import { matchesSubscription } from './subscription.js';

const any = { eventTypes: ['*'], tiers: [], stages: [], tags: [], categories: [] };

describe('matchesSubscription', () => {
  it.each([
    [{ ...any }, 'ticket.urgent', {}, true],
    [{ ...any, eventTypes: ['ticket.urgent'] }, 'ticket.urgent', {}, true],
    [{ ...any, eventTypes: ['ticket.urgent'] }, 'sla.warning', {}, false],
    [{ ...any, eventTypes: ['sla.*'] }, 'sla.breached', {}, true],
    [{ ...any, eventTypes: ['sla.*'] }, 'slash.x', {}, false],
    [{ ...any, tiers: ['N2'] }, 'sla.warning', { tier: 'N2' }, true],
    [{ ...any, tiers: ['N2'] }, 'sla.warning', { tier: 'N1' }, false],
    [{ ...any, tiers: ['N2'] }, 'sla.warning', {}, false],
    [{ ...any, stages: ['2'] }, 'ticket.created', { stage: 2 }, true],
    [{ ...any, tags: ['URGENTE'] }, 'ticket.updated', { tags: ['NFS-e', 'URGENTE'] }, true],
    [{ ...any, tags: ['URGENTE'] }, 'ticket.updated', { tags: ['NFS-e'] }, false],
    [
      { ...any, categories: ['cancelamento'], tiers: ['N1'] },
      'ticket.created',
      { category: 'cancelamento', tier: 'N1' },
      true,
    ],
    [
      { ...any, categories: ['cancelamento'], tiers: ['N1'] },
      'ticket.created',
      { category: 'cancelamento', tier: 'N2' },
      false,
    ],
  ])('%j receives %s with %j: %s', (subscription, type, payload, expected) => {
    expect(matchesSubscription(subscription, { type, payload })).toBe(expected);
  });
});
