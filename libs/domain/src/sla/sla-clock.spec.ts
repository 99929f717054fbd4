import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../calendar/index.js';
import type { ClockEvent } from './clock-events.js';
import { explainClock } from './clock-explanation.js';
import { computeClocks, type SlaClock, type SlaContext } from './sla-clock.js';
import { slaPolicy } from './sla-policy.js';
import { plannedSlaTimers } from './sla-timers.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const sp = (local: string) => new Date(`${local}-03:00`);

/** The playbook's targets: N1 stage 1 analysis 1 h (docs/playbook.md §10.1), N1 first response 24 h, N2 72 h (§10.2); business hours. */
const context: SlaContext = {
  calendar: BusinessCalendar.withDefaults(),
  policy: slaPolicy({
    'n1-stage-1': { 'first-response': { hours: 24, basis: 'business' }, analysis: { hours: 1, basis: 'business' } },
    n2: { 'first-response': { hours: 72, basis: 'business' } },
    n3: {
      'first-response': { hours: 72, basis: 'business', metBy: 'agent-action' },
      analysis: { hours: 72, basis: 'calendar' },
    },
  }),
};

const clock = (clocks: SlaClock[], id: string) => {
  const found = clocks.find((c) => c.id === id);
  if (!found) throw new Error(`no clock ${id} among ${clocks.map((c) => c.id).join(', ')}`);
  return found;
};

// Monday 7 December 2026, 10:00 in São Paulo: a plain working week.
const created: ClockEvent = { type: 'created', at: sp('2026-12-07T10:00'), unitKey: 'n1-stage-1' };

describe('SLA clocks', () => {
  it('Scenario 1: opened Friday 17:40, first response counts 20 minutes on Friday, then from Monday 08:00', () => {
    const clocks = computeClocks(
      [{ type: 'created', at: sp('2026-11-27T17:40'), unitKey: 'n1-stage-1' }],
      context,
      sp('2026-11-27T17:45'),
    );
    const firstResponse = clock(clocks, '0:n1-stage-1:first-response');
    expect(firstResponse).toMatchObject({
      state: 'running',
      dueAt: sp('2026-12-02T11:40'),
      breachedAt: null,
      elapsedMs: 5 * MINUTE,
    });
    expect(firstResponse.warnings).toEqual([{ fraction: 0.75, at: sp('2026-12-01T15:40') }]);
    expect(clock(clocks, '0:n1-stage-1:analysis').dueAt).toEqual(sp('2026-11-30T08:40'));
  });

  it('a public reply meets both clocks; another agent action meets only analysis', () => {
    const acted = computeClocks(
      [created, { type: 'acted', at: sp('2026-12-07T10:30') }],
      context,
      sp('2026-12-07T11:00'),
    );
    expect(clock(acted, '0:n1-stage-1:analysis')).toMatchObject({
      state: 'met',
      endedBy: 'acted',
      elapsedMs: 30 * MINUTE,
      breachedAt: null,
    });
    expect(clock(acted, '0:n1-stage-1:first-response').state).toBe('running');

    const replied = computeClocks(
      [created, { type: 'replied', at: sp('2026-12-07T12:00') }],
      context,
      sp('2026-12-07T13:00'),
    );
    expect(replied.map((c) => [c.kind, c.state, c.breachedAt])).toEqual([
      ['first-response', 'met', null],
      ['analysis', 'met', sp('2026-12-07T11:00')],
    ]);
  });

  it('a tier that never talks to the customer can have its first response met by any agent action', () => {
    const events: ClockEvent[] = [
      created,
      { type: 'escalated', at: sp('2026-12-07T11:00'), unitKey: 'n3' },
      { type: 'acted', at: sp('2026-12-07T12:00') },
    ];
    const clocks = computeClocks(events, context, sp('2026-12-07T13:00'));
    expect(clock(clocks, '1:n3:first-response')).toMatchObject({ state: 'met', endedBy: 'acted' });
    expect(clock(clocks, '0:n1-stage-1:first-response')).toMatchObject({ state: 'stopped', endedBy: 'escalated' });
  });

  it('a clock reached exactly at its reply is met on time', () => {
    const clocks = computeClocks(
      [created, { type: 'acted', at: sp('2026-12-07T11:00') }],
      context,
      sp('2026-12-07T12:00'),
    );
    expect(clock(clocks, '0:n1-stage-1:analysis')).toMatchObject({ state: 'met', breachedAt: null });
  });

  it('pauses while waiting on the customer and resumes, pushing the due time by the paused business time', () => {
    const events: ClockEvent[] = [
      created,
      { type: 'paused', at: sp('2026-12-07T10:20'), reason: 'waiting-customer' },
      { type: 'resumed', at: sp('2026-12-08T09:00') },
    ];
    const paused = clock(computeClocks(events.slice(0, 2), context, sp('2026-12-07T15:00')), '0:n1-stage-1:analysis');
    expect(paused).toMatchObject({ state: 'paused', dueAt: null, elapsedMs: 20 * MINUTE, breachedAt: null });
    expect(paused.pauses).toEqual([{ reason: 'waiting-customer', from: sp('2026-12-07T10:20'), to: null }]);
    expect(paused.warnings).toEqual([{ fraction: 0.75, at: null }]);

    const resumed = clock(computeClocks(events, context, sp('2026-12-08T09:00')), '0:n1-stage-1:analysis');
    expect(resumed).toMatchObject({ state: 'running', dueAt: sp('2026-12-08T09:40') });
    expect(resumed.warnings[0]?.at).toEqual(sp('2026-12-08T09:25'));
  });

  it('ignores a pause whose reason the policy does not pause on', () => {
    const policy = slaPolicy(context.policy.targets, { pauseOn: ['waiting-customer'] });
    const events: ClockEvent[] = [
      created,
      { type: 'paused', at: sp('2026-12-07T10:20'), reason: 'waiting-third-party' },
    ];
    const clocks = computeClocks(events, { ...context, policy }, sp('2026-12-07T12:00'));
    expect(clock(clocks, '0:n1-stage-1:analysis')).toMatchObject({
      state: 'running',
      pauses: [],
      breachedAt: sp('2026-12-07T11:00'),
    });
  });

  it('escalation stops the old unit’s clocks keeping their outcome and starts the new unit’s (breach blame)', () => {
    const events: ClockEvent[] = [
      created,
      { type: 'escalated', at: sp('2026-12-07T14:00'), unitKey: 'n2' },
      { type: 'replied', at: sp('2026-12-08T10:00') },
    ];
    const clocks = computeClocks(events, context, sp('2026-12-08T12:00'));
    expect(clocks.map((c) => [c.id, c.state, c.endedBy, c.breachedAt])).toEqual([
      ['0:n1-stage-1:first-response', 'stopped', 'escalated', null],
      ['0:n1-stage-1:analysis', 'stopped', 'escalated', sp('2026-12-07T11:00')],
      ['1:n2:first-response', 'met', 'replied', null],
    ]);
    expect(clock(clocks, '1:n2:first-response')).toMatchObject({
      unitKey: 'n2',
      startedAt: sp('2026-12-07T14:00'),
      elapsedMs: 6 * HOUR,
    });
  });

  it('reopening starts new clocks for the same unit; the clocks before it keep their outcome', () => {
    const events: ClockEvent[] = [
      created,
      { type: 'replied', at: sp('2026-12-07T10:30') },
      { type: 'closed', at: sp('2026-12-07T11:00') },
      { type: 'reopened', at: sp('2026-12-09T09:00'), unitKey: 'n1-stage-1' },
    ];
    const clocks = computeClocks(events, context, sp('2026-12-09T09:30'));
    expect(clocks.map((c) => [c.id, c.state, c.endedBy])).toEqual([
      ['0:n1-stage-1:first-response', 'met', 'replied'],
      ['0:n1-stage-1:analysis', 'met', 'replied'],
      ['1:n1-stage-1:first-response', 'running', null],
      ['1:n1-stage-1:analysis', 'running', null],
    ]);
    expect(clock(clocks, '1:n1-stage-1:analysis').dueAt).toEqual(sp('2026-12-09T10:00'));
  });

  it('a "reopened" before the ticket exists is noise', () => {
    const clocks = computeClocks(
      [{ type: 'reopened', at: sp('2026-12-07T09:00'), unitKey: 'n2' }, created],
      context,
      sp('2026-12-07T10:30'),
    );
    expect(clocks.map((c) => c.id)).toEqual(['0:n1-stage-1:first-response', '0:n1-stage-1:analysis']);
  });

  it('counts calendar hours when a target says so', () => {
    const clocks = computeClocks(
      [{ type: 'created', at: sp('2026-12-11T17:00'), unitKey: 'n3' }],
      context,
      sp('2026-12-11T17:00'),
    );
    expect(clock(clocks, '0:n3:analysis').dueAt).toEqual(sp('2026-12-14T17:00'));
  });

  it('closing stops every open clock; events out of order and a second "created" are tolerated', () => {
    const events: ClockEvent[] = [
      { type: 'closed', at: sp('2026-12-07T10:10') },
      { type: 'created', at: sp('2026-12-07T10:05'), unitKey: 'n2' },
      created,
    ];
    const clocks = computeClocks(events, context, sp('2026-12-07T12:00'));
    expect(clocks.map((c) => [c.id, c.state, c.endedAt])).toEqual([
      ['0:n1-stage-1:first-response', 'stopped', sp('2026-12-07T10:10')],
      ['0:n1-stage-1:analysis', 'stopped', sp('2026-12-07T10:10')],
    ]);
  });

  it('refuses warning fractions outside (0, 1) and non-positive targets', () => {
    expect(() => slaPolicy({}, { warningFractions: [1.5] })).toThrow(/between 0 and 1/);
    expect(() => slaPolicy({ n1: { analysis: { hours: 0, basis: 'business' } } })).toThrow(/positive/);
  });
});

describe('explainClock', () => {
  it('explains a paused clock: start, pause with reason, segments counted, target, no due time until resumed', () => {
    const events: ClockEvent[] = [
      { type: 'created', at: sp('2026-12-04T17:40'), unitKey: 'n1-stage-1' },
      { type: 'paused', at: sp('2026-12-07T09:00'), reason: 'waiting-third-party' },
    ];
    const now = sp('2026-12-07T11:00');
    const firstResponse = clock(computeClocks(events, context, now), '0:n1-stage-1:first-response');
    expect(explainClock(firstResponse, context.calendar, now)).toEqual({
      clockId: '0:n1-stage-1:first-response',
      unitKey: 'n1-stage-1',
      kind: 'first-response',
      state: 'paused',
      target: { hours: 24, basis: 'business' },
      startedAt: sp('2026-12-04T17:40'),
      pauses: [{ reason: 'waiting-third-party', from: sp('2026-12-07T09:00'), to: null }],
      segments: [
        { start: sp('2026-12-04T17:40'), end: sp('2026-12-04T18:00'), ms: 20 * MINUTE },
        { start: sp('2026-12-07T08:00'), end: sp('2026-12-07T09:00'), ms: HOUR },
      ],
      holidays: [],
      elapsedMs: 80 * MINUTE,
      remainingMs: 24 * HOUR - 80 * MINUTE,
      dueAt: null,
      endedAt: null,
      endedBy: null,
      breachedAt: null,
      dueIfResumedNow: sp('2026-12-09T13:40'),
    });
  });

  it('shows what met a clock and when, against the due time it ran to, with nothing remaining', () => {
    const events: ClockEvent[] = [
      { type: 'created', at: sp('2026-12-07T09:00'), unitKey: 'n1-stage-1' },
      { type: 'replied', at: sp('2026-12-07T09:20') },
    ];
    const now = sp('2026-12-08T12:00');
    const met = explainClock(
      clock(computeClocks(events, context, now), '0:n1-stage-1:first-response'),
      context.calendar,
      now,
    );
    expect(met).toMatchObject({
      state: 'met',
      endedBy: 'replied',
      endedAt: sp('2026-12-07T09:20'),
      elapsedMs: 20 * MINUTE,
      remainingMs: null,
      // 24 business hours from Monday 09:00: 9 h Monday, 10 h Tuesday, 5 h Wednesday.
      dueAt: sp('2026-12-09T13:00'),
      breachedAt: null,
    });
  });

  it('names the Carnaval holidays counted out of a running clock', () => {
    const clocks = computeClocks(
      [{ type: 'created', at: sp('2027-02-05T17:00'), unitKey: 'n1-stage-1' }],
      context,
      sp('2027-02-05T17:00'),
    );
    const explanation = explainClock(
      clock(clocks, '0:n1-stage-1:first-response'),
      context.calendar,
      sp('2027-02-05T17:00'),
    );
    expect(explanation.dueAt).toEqual(sp('2027-02-12T11:00'));
    expect(explanation.holidays.map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-02-08 Carnaval',
      '2027-02-09 Carnaval',
    ]);
    expect(explanation.segments.map((s) => s.ms / HOUR)).toEqual([1, 10, 10, 3]);
  });
});

describe('plannedSlaTimers', () => {
  it('plans a warning and a breach per running clock, none for paused, met or stopped ones', () => {
    const running = computeClocks([created], context, sp('2026-12-07T10:00'));
    expect(plannedSlaTimers('t-1', running).map((t) => [t.kind, t.eventType, t.dueAt])).toEqual([
      ['sla:0:n1-stage-1:first-response:warning:0.75', 'sla.warning', sp('2026-12-08T18:00')],
      ['sla:0:n1-stage-1:first-response:breached', 'sla.breached', sp('2026-12-09T14:00')],
      ['sla:0:n1-stage-1:analysis:warning:0.75', 'sla.warning', sp('2026-12-07T10:45')],
      ['sla:0:n1-stage-1:analysis:breached', 'sla.breached', sp('2026-12-07T11:00')],
    ]);
    expect(plannedSlaTimers('t-1', running)[3]?.payload).toEqual({
      ticketId: 't-1',
      unitKey: 'n1-stage-1',
      clock: 'analysis',
      clockId: '0:n1-stage-1:analysis',
      targetHours: 1,
      dueAt: sp('2026-12-07T11:00').toISOString(),
    });

    const paused = computeClocks(
      [created, { type: 'paused', at: sp('2026-12-07T10:10'), reason: 'waiting-customer' }],
      context,
      sp('2026-12-07T10:10'),
    );
    expect(plannedSlaTimers('t-1', paused)).toEqual([]);
  });
});
