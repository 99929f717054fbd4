import type { MeasuredSpan, TimeMeter } from '../calendar/index.js';

/** A stretch during which a clock ran; `to` is null while it still runs. */
export interface RunningSpan {
  from: Date;
  to: Date | null;
}

interface Interruption {
  from: Date;
  to: Date | null;
}

/** The spans between the start, the pauses and the end of a clock. */
export function runningSpans(startedAt: Date, pauses: readonly Interruption[], endedAt: Date | null): RunningSpan[] {
  const spans: RunningSpan[] = [];
  let from: Date | null = startedAt;
  for (const pause of pauses) {
    if (from && pause.from > from) spans.push({ from, to: pause.from });
    from = pause.to;
  }
  if (from && (!endedAt || endedAt > from)) spans.push({ from, to: endedAt });
  return spans;
}

/** When the clock's counted time reaches `ms`, or null if it stopped or paused before. */
export function instantAtElapsed(spans: readonly RunningSpan[], meter: TimeMeter, ms: number): Date | null {
  let remaining = ms;
  for (const span of spans) {
    if (!span.to) return meter.add(span.from, remaining);
    const counted = meter.elapsed(span.from, span.to);
    if (counted >= remaining) return meter.add(span.from, remaining);
    remaining -= counted;
  }
  return null;
}

/** Counted time and segments of the spans up to `horizon`. */
export function measureUntil(
  spans: readonly RunningSpan[],
  meter: TimeMeter,
  horizon: Date,
): MeasuredSpan & { ms: number } {
  const measured: MeasuredSpan & { ms: number } = { segments: [], holidays: [], ms: 0 };
  for (const span of spans) {
    const to = span.to && span.to < horizon ? span.to : horizon;
    if (to <= span.from) continue;
    const part = meter.measure(span.from, to);
    measured.segments.push(...part.segments);
    for (const holiday of part.holidays) {
      if (!measured.holidays.some((known) => known.date === holiday.date && known.name === holiday.name))
        measured.holidays.push(holiday);
    }
  }
  measured.ms = measured.segments.reduce((sum, segment) => sum + segment.ms, 0);
  return measured;
}
