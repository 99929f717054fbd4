import type { CountedSegment, SkippedHoliday, TimeMeter } from '../calendar/index.js';
import { measureUntil } from './clock-timeline.js';
import { meterFor, spansOf, type ClockPause, type ClockState, type SlaClock } from './sla-clock.js';
import type { SlaTarget } from './sla-policy.js';

/** "Why is this due at X?": everything that went into a clock's due time. */
export interface ClockExplanation {
  clockId: string;
  tier: string;
  kind: SlaClock['kind'];
  state: ClockState;
  target: SlaTarget;
  startedAt: Date;
  pauses: ClockPause[];
  /** Time counted towards the target, up to the due time (or up to the pause or end if it comes first). */
  segments: CountedSegment[];
  /** Holidays inside that span that did not count. */
  holidays: SkippedHoliday[];
  elapsedMs: number;
  remainingMs: number;
  dueAt: Date | null;
  breachedAt: Date | null;
  /** For a paused clock: the due time if it resumed at `now`. */
  dueIfResumedNow: Date | null;
}

export function explainClock(clock: SlaClock, calendar: TimeMeter, now: Date): ClockExplanation {
  const meter = meterFor(clock.target, calendar);
  const targetMs = clock.target.hours * 3_600_000;
  const horizon = clock.endedAt ?? (clock.dueAt && clock.dueAt > now ? clock.dueAt : now);
  const counted = measureUntil(spansOf(clock), meter, horizon);
  const remainingMs = Math.max(0, targetMs - clock.elapsedMs);
  return {
    clockId: clock.id,
    tier: clock.tier,
    kind: clock.kind,
    state: clock.state,
    target: clock.target,
    startedAt: clock.startedAt,
    pauses: clock.pauses,
    segments: counted.segments,
    holidays: counted.holidays,
    elapsedMs: clock.elapsedMs,
    remainingMs,
    dueAt: clock.dueAt,
    breachedAt: clock.breachedAt,
    dueIfResumedNow: clock.state === 'paused' ? meter.add(now, remainingMs) : null,
  };
}
