import { describe, expect, it } from 'vitest';
import { mayFollowChange, type ChangeReach, type LiveViewer } from './live-visibility.js';

const AGENT_ID = '11111111-1111-4111-8111-111111111111';
const n1Agent: LiveViewer = { userId: AGENT_ID, roles: ['agent'], unitKey: 'N1' };
const ticket = (units: string[], people: string[] = []): ChangeReach => ({ aggregateType: 'ticket', units, people });

describe('who the live feed tells of a change', () => {
  it('tells an agent of their own unit’s tickets, not of another tier’s', () => {
    expect(mayFollowChange(n1Agent, ticket(['N1']))).toBe(true);
    expect(mayFollowChange(n1Agent, ticket(['N3']))).toBe(false);
  });

  it('tells them when a ticket leaves their unit, and of tickets they hold or follow elsewhere', () => {
    expect(mayFollowChange(n1Agent, ticket(['N3', 'N1']))).toBe(true);
    expect(mayFollowChange(n1Agent, ticket(['N3'], [AGENT_ID]))).toBe(true);
  });

  it('tells an unplaced agent only of the tickets they are on', () => {
    const unplaced = { ...n1Agent, unitKey: null };
    expect(mayFollowChange(unplaced, ticket(['N1']))).toBe(false);
    expect(mayFollowChange(unplaced, ticket(['N1'], [AGENT_ID]))).toBe(true);
  });

  it('tells leaders and admins of everything', () => {
    for (const roles of [['leader'], ['admin']] as const) {
      const viewer = { userId: AGENT_ID, roles, unitKey: null };
      expect(mayFollowChange(viewer, ticket(['N3']))).toBe(true);
      expect(mayFollowChange(viewer, { aggregateType: 'channel', units: [], people: [] })).toBe(true);
    }
  });

  it.each([
    ['announcement', true],
    ['support_structure', true],
    ['business_calendar', true],
    ['channel', false],
    ['user', false],
    ['something_new', false],
  ])('tells an agent of a %s change: %s', (aggregateType, told) => {
    expect(mayFollowChange(n1Agent, { aggregateType, units: [], people: [] })).toBe(told);
  });

  it('keeps the calendar from the relationship desk, as the API does', () => {
    const desk: LiveViewer = { userId: AGENT_ID, roles: ['relationship'], unitKey: 'REL' };
    expect(mayFollowChange(desk, { aggregateType: 'business_calendar', units: [], people: [] })).toBe(false);
    expect(mayFollowChange(desk, ticket(['REL']))).toBe(true);
    expect(mayFollowChange(desk, { aggregateType: 'triage_item', units: [], people: [] })).toBe(true);
    expect(mayFollowChange(n1Agent, { aggregateType: 'triage_item', units: [], people: [] })).toBe(false);
  });
});
