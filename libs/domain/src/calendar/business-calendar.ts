import { DateTime } from 'luxon';
import {
  defaultCalendarConfig,
  type BusinessCalendarConfig,
  type CalendarOverrides,
  type Weekday,
} from './calendar-config.js';
import { calendarIssues, minutesOfDay } from './calendar-issues.js';
import { HolidayClosures, type CataloguedHoliday } from './holiday-closures.js';
import type { CountedSegment, MeasuredSpan, SkippedHoliday, TimeMeter } from './time-meter.js';

type Span = [start: number, end: number];

/** Far enough for any support target, near enough to stop a calendar with no opening hours. */
const MAX_DAYS_AHEAD = 3_660;
/** Days remembered per calendar: years of daily use, a few hundred kilobytes at most. */
const MAX_REMEMBERED_DAYS = 20_000;

/** Every UTC offset and daylight-saving change falls on a quarter hour, so a local date is constant within one. */
const QUARTER_HOUR = 900_000;

/** A local day's open spans and where the next local day starts (instants in ms). */
interface LocalDay {
  spans: Span[];
  next: number;
}

/** Business hours: working periods per weekday in a time zone, minus holidays. */
export class BusinessCalendar implements TimeMeter {
  readonly basis = 'business';
  private readonly closures: HolidayClosures;
  // Every due time walks days through time-zone arithmetic; a ticket change recomputes several.
  private readonly days = new Map<number, LocalDay>();
  private readonly dayStarts = new Map<number, number>();

  constructor(readonly config: BusinessCalendarConfig) {
    const [issue] = calendarIssues(config);
    if (issue) throw new Error(issue.message);
    this.closures = new HolidayClosures(config.holidays, config.timeZone);
  }

  static withDefaults(overrides: CalendarOverrides = {}): BusinessCalendar {
    return new BusinessCalendar(defaultCalendarConfig(overrides));
  }

  add(from: Date, ms: number): Date {
    let remaining = ms;
    if (remaining <= 0) return from;
    for (const [start, end] of this.openSpansFrom(from.getTime())) {
      if (end - start >= remaining) return new Date(start + remaining);
      remaining -= end - start;
    }
    throw new Error(`no working time within ${MAX_DAYS_AHEAD} days`);
  }

  elapsed(from: Date, to: Date): number {
    return this.countedSpans(from, to).reduce((sum, [start, end]) => sum + end - start, 0);
  }

  measure(from: Date, to: Date): MeasuredSpan {
    const segments: CountedSegment[] = this.countedSpans(from, to).map(([start, end]) => ({
      start: new Date(start),
      end: new Date(end),
      ms: end - start,
    }));
    const holidays: SkippedHoliday[] = [];
    for (let year = this.local(from.getTime()).year; year <= this.local(to.getTime()).year; year++) {
      for (const closure of this.closures.inYear(year)) {
        const start = Math.max(closure.start, from.getTime());
        const end = Math.min(closure.end, to.getTime());
        // Only a holiday that took working time away explains anything (not one on a Sunday).
        if (
          start < end &&
          this.workingPeriodsOn(this.local(start).startOf('day')).some(([open, close]) => open < end && close > start)
        ) {
          holidays.push({ date: closure.date, name: closure.name });
        }
      }
    }
    return { segments, holidays };
  }

  /** The year's holidays the calendar knows (library and local ones), and whether each closes the desk. */
  holidaysOf(year: number): CataloguedHoliday[] {
    return this.closures.catalogue(year);
  }

  private countedSpans(from: Date, to: Date): Span[] {
    const spans: Span[] = [];
    if (to <= from) return spans;
    for (const [start, end] of this.openSpansFrom(from.getTime())) {
      if (start >= to.getTime()) break;
      spans.push([start, Math.min(end, to.getTime())]);
    }
    return spans;
  }

  /** Open spans in time order, the first one clipped to start at `from`. */
  private *openSpansFrom(from: number): Generator<Span> {
    let dayStart = this.dayStartOf(from);
    for (let i = 0; i < MAX_DAYS_AHEAD; i++) {
      const day = this.localDay(dayStart);
      for (const [start, end] of day.spans) {
        if (end > from) yield [Math.max(start, from), end];
      }
      dayStart = day.next;
    }
  }

  private dayStartOf(instant: number): number {
    const quarter = Math.floor(instant / QUARTER_HOUR);
    let start = this.dayStarts.get(quarter);
    if (start === undefined) {
      start = this.local(instant).startOf('day').toMillis();
      if (this.dayStarts.size >= MAX_REMEMBERED_DAYS) this.dayStarts.clear();
      this.dayStarts.set(quarter, start);
    }
    return start;
  }

  private localDay(start: number): LocalDay {
    let day = this.days.get(start);
    if (!day) {
      const local = this.local(start);
      day = { spans: this.openSpansOn(local), next: local.plus({ days: 1 }).startOf('day').toMillis() };
      if (this.days.size >= MAX_REMEMBERED_DAYS) this.days.clear();
      this.days.set(start, day);
    }
    return day;
  }

  private workingPeriodsOn(day: DateTime): Span[] {
    const periods = this.config.workingHours[day.weekday as Weekday] ?? [];
    return periods.map((period) => [atTimeOfDay(day, period.start), atTimeOfDay(day, period.end)]);
  }

  private openSpansOn(day: DateTime): Span[] {
    let spans = this.workingPeriodsOn(day);
    for (const closure of this.closures.inYear(day.year)) {
      spans = spans.flatMap(([start, end]): Span[] => {
        if (closure.end <= start || closure.start >= end) return [[start, end]];
        const kept: Span[] = [];
        if (closure.start > start) kept.push([start, closure.start]);
        if (closure.end < end) kept.push([closure.end, end]);
        return kept;
      });
    }
    return spans;
  }

  private local(ms: number): DateTime {
    return DateTime.fromMillis(ms, { zone: this.config.timeZone });
  }
}

/** Wall-clock time on a local day, so a daylight-saving change does not shift opening hours. */
function atTimeOfDay(day: DateTime, time: string): number {
  // The constructor refused any time that is not HH:mm.
  const minutes = minutesOfDay(time)!;
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}
