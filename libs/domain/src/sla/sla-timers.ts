import type { SlaClock } from './sla-clock.js';

export type SlaEventType = 'sla.warning' | 'sla.breached';

/** A deadline to keep as a durable timer: the timers module fires `eventType` with `payload` at `dueAt`. */
export interface PlannedTimer {
  /** Unique per subject; a timer that already fired under this kind never fires again. */
  kind: string;
  dueAt: Date;
  eventType: SlaEventType;
  payload: Record<string, unknown>;
}

/** Timers kinds of SLA clocks start with this, so a sync replaces exactly them. */
export const SLA_TIMER_PREFIX = 'sla:';

/**
 * The warning and breach timers a ticket's clocks need now. Only running clocks have any: a
 * paused, met or stopped clock's timers are to be cancelled. Instants already past are kept, so a
 * deadline computed late still fires once.
 */
export function plannedSlaTimers(ticketId: string, clocks: readonly SlaClock[]): PlannedTimer[] {
  return clocks
    .filter((clock) => clock.state === 'running')
    .flatMap((clock) => {
      const about = {
        ticketId,
        unitKey: clock.unitKey,
        clock: clock.kind,
        clockId: clock.id,
        targetHours: clock.target.hours,
        dueAt: clock.dueAt?.toISOString(),
      };
      const timers: PlannedTimer[] = clock.warnings.flatMap(({ fraction, at }) =>
        at
          ? [
              {
                kind: `${SLA_TIMER_PREFIX}${clock.id}:warning:${fraction}`,
                dueAt: at,
                eventType: 'sla.warning' as const,
                payload: { ...about, fraction },
              },
            ]
          : [],
      );
      if (clock.dueAt)
        timers.push({
          kind: `${SLA_TIMER_PREFIX}${clock.id}:breached`,
          dueAt: clock.dueAt,
          eventType: 'sla.breached',
          payload: about,
        });
      return timers;
    });
}
