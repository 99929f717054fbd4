import type { CountedSegment, SkippedHoliday, TimeMeter } from '../calendar/index.js';
import { instantAtElapsed, measureUntil, runningSpans } from './clock-timeline.js';
import { meterFor, spansOf, type ClockPause, type ClockState, type SlaClock } from './sla-clock.js';
import type { SlaTarget } from './sla-policy.js';

/** "Why is this due at X?": everything that went into a clock's due time. */
export interface ClockExplanation {
  clockId: string;
  unitKey: string;
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
  /** Null once the clock has ended: nothing remains of a met or stopped clock. */
  remainingMs: number | null;
  /** When the target falls; for an ended clock, when it fell or would have, so a met clock reads "met at X, due at Y". */
  dueAt: Date | null;
  /** When and by what the clock ended: met by the first public reply or agent action, or stopped by escalation or closure. */
  endedAt: Date | null;
  endedBy: SlaClock['endedBy'];
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
  const ended = clock.endedAt !== null;
  return {
    clockId: clock.id,
    unitKey: clock.unitKey,
    kind: clock.kind,
    state: clock.state,
    target: clock.target,
    startedAt: clock.startedAt,
    pauses: clock.pauses,
    segments: counted.segments,
    holidays: counted.holidays,
    elapsedMs: clock.elapsedMs,
    remainingMs: ended ? null : remainingMs,
    dueAt:
      clock.dueAt ??
      (ended ? instantAtElapsed(runningSpans(clock.startedAt, clock.pauses, null), meter, targetMs) : null),
    endedAt: clock.endedAt,
    endedBy: clock.endedBy,
    breachedAt: clock.breachedAt,
    dueIfResumedNow: clock.state === 'paused' ? meter.add(now, remainingMs) : null,
  };
}
