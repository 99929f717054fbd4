/** One stretch of time that counted towards a target. */
export interface CountedSegment {
  start: Date;
  end: Date;
  ms: number;
}

/** A holiday that fell inside the measured span and was not counted. */
export interface SkippedHoliday {
  date: string;
  name: string;
}

/** What was counted between two instants, for "why is this due at X?". */
export interface MeasuredSpan {
  segments: CountedSegment[];
  holidays: SkippedHoliday[];
}

/**
 * Measures time against a target: business hours of a calendar, or plain calendar hours.
 * SLA clocks use it without knowing which one they have.
 */
export interface TimeMeter {
  readonly basis: 'business' | 'calendar';
  /** The instant at which `ms` of counted time has passed since `from`. */
  add(from: Date, ms: number): Date;
  /** Counted time between two instants (0 when `to` is not after `from`). */
  elapsed(from: Date, to: Date): number;
  measure(from: Date, to: Date): MeasuredSpan;
}

/** Calendar hours: every millisecond counts, nights, weekends and holidays included. */
export const calendarTime: TimeMeter = {
  basis: 'calendar',
  add: (from, ms) => new Date(from.getTime() + ms),
  elapsed: (from, to) => Math.max(0, to.getTime() - from.getTime()),
  measure: (from, to) => ({
    segments: to > from ? [{ start: from, end: to, ms: to.getTime() - from.getTime() }] : [],
    holidays: [],
  }),
};
