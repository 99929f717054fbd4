import { calendarTime, type TimeMeter } from '../calendar/index.js';
import type { ClockEvent } from './clock-events.js';
import { instantAtElapsed, measureUntil, runningSpans, type RunningSpan } from './clock-timeline.js';
import type { ClockKind, PauseReason, SlaPolicy, SlaTarget } from './sla-policy.js';

const HOUR_MS = 3_600_000;
const CLOCK_KINDS: ClockKind[] = ['first-response', 'analysis'];

export type ClockState = 'running' | 'paused' | 'met' | 'stopped';

export interface ClockPause {
  reason: PauseReason;
  from: Date;
  to: Date | null;
}

/**
 * One clock of one unit (tier, stage or desk) on one ticket. A breach belongs to the clock's `unitKey` for good: escalation
 * stops the clock (state `stopped`) but keeps its outcome.
 */
export interface SlaClock {
  /** Stable across recomputations ("<episode>:<unitKey>:<kind>"): timers are keyed by it. */
  id: string;
  /** The support-structure unit whose target the clock measures. */
  unitKey: string;
  /** 0 for the unit that received the ticket, one more per escalation. */
  episode: number;
  kind: ClockKind;
  target: SlaTarget;
  startedAt: Date;
  pauses: ClockPause[];
  state: ClockState;
  endedAt: Date | null;
  endedBy: 'replied' | 'acted' | 'escalated' | 'closed' | null;
  /** Counted time up to the end, or up to `now` for a clock still open. */
  elapsedMs: number;
  /** When the target is (or was) reached; null if the clock ended or paused before reaching it. */
  dueAt: Date | null;
  warnings: { fraction: number; at: Date | null }[];
  /** Set when the clock reached its target before being met (by `now` for an open clock). */
  breachedAt: Date | null;
}

export interface SlaContext {
  policy: SlaPolicy;
  /** The desk's business calendar; calendar-hours targets ignore it. */
  calendar: TimeMeter;
}

type Draft = Pick<
  SlaClock,
  'id' | 'unitKey' | 'episode' | 'kind' | 'target' | 'startedAt' | 'pauses' | 'endedAt' | 'endedBy'
>;

export function meterFor(target: SlaTarget, calendar: TimeMeter): TimeMeter {
  return target.basis === 'business' ? calendar : calendarTime;
}

export function spansOf(clock: Pick<SlaClock, 'startedAt' | 'pauses' | 'endedAt'>): RunningSpan[] {
  return runningSpans(clock.startedAt, clock.pauses, clock.endedAt);
}

/** Every clock a ticket has had, replayed from its events, as seen at `now`. */
export function computeClocks(events: readonly ClockEvent[], context: SlaContext, now: Date): SlaClock[] {
  const { policy } = context;
  const drafts: Draft[] = [];
  let open: Draft[] = [];
  let episode = -1;
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of ordered) {
    switch (event.type) {
      case 'created':
      case 'escalated':
      case 'reopened':
        // A ticket is created once and escalated or reopened only after that; anything else is noise.
        if ((event.type === 'created') !== episode < 0) break;
        end(open, event.at, 'escalated');
        episode += 1;
        open = startClocks(policy, event.unitKey, episode, event.at);
        drafts.push(...open);
        break;
      case 'paused':
        if (!policy.pauseOn.includes(event.reason)) break;
        for (const clock of open) {
          resume(clock, event.at);
          clock.pauses.push({ reason: event.reason, from: event.at, to: null });
        }
        break;
      case 'resumed':
        for (const clock of open) resume(clock, event.at);
        break;
      case 'replied':
      case 'closed':
        end(open, event.at, event.type);
        open = [];
        break;
      case 'acted': {
        const met = open.filter(metByAnyAction);
        end(met, event.at, 'acted');
        open = open.filter((clock) => !met.includes(clock));
        break;
      }
    }
  }
  return drafts.map((draft) => settle(draft, context, now));
}

function startClocks(policy: SlaPolicy, unitKey: string, episode: number, at: Date): Draft[] {
  const targets = policy.targets[unitKey] ?? {};
  return CLOCK_KINDS.flatMap((kind) => {
    const target = targets[kind];
    if (!target) return [];
    return [
      {
        id: `${episode}:${unitKey}:${kind}`,
        unitKey,
        episode,
        kind,
        target,
        startedAt: at,
        pauses: [],
        endedAt: null,
        endedBy: null,
      },
    ];
  });
}

function metByAnyAction(clock: Draft): boolean {
  return (clock.target.metBy ?? (clock.kind === 'analysis' ? 'agent-action' : 'public-reply')) === 'agent-action';
}

function resume(clock: Draft, at: Date): void {
  const last = clock.pauses.at(-1);
  if (last && !last.to) last.to = at;
}

function end(clocks: Draft[], at: Date, by: NonNullable<Draft['endedBy']>): void {
  for (const clock of clocks) {
    resume(clock, at);
    clock.endedAt = at;
    clock.endedBy = by;
  }
}

function settle(draft: Draft, { policy, calendar }: SlaContext, now: Date): SlaClock {
  const meter = meterFor(draft.target, calendar);
  const spans = spansOf(draft);
  const targetMs = draft.target.hours * HOUR_MS;
  const dueAt = instantAtElapsed(spans, meter, targetMs);
  const met = draft.endedBy === 'replied' || draft.endedBy === 'acted';
  const state: ClockState = draft.endedAt
    ? met
      ? 'met'
      : 'stopped'
    : draft.pauses.at(-1)?.to === null
      ? 'paused'
      : 'running';
  const reachedBeforeEnd = dueAt !== null && (draft.endedAt ? dueAt < draft.endedAt : dueAt <= now);
  return {
    ...draft,
    state,
    elapsedMs: measureUntil(spans, meter, draft.endedAt ?? now).ms,
    dueAt,
    warnings: policy.warningFractions.map((fraction) => ({
      fraction,
      at: instantAtElapsed(spans, meter, targetMs * fraction),
    })),
    breachedAt: reachedBeforeEnd ? dueAt : null,
  };
}
