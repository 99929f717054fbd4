import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Refusal,
  BusinessCalendar,
  calendarIssues,
  defaultCalendarConfig,
  previewDue,
  type BusinessCalendarConfig,
} from '@escala/domain';
import type { Principal } from '../auth/principal.js';
import { ChangeJournal } from '../audit/change-journal.service.js';
import { Clock } from '../clock/clock.service.js';
import { CachedSetting, SETTINGS_CACHE_MS } from '../settings/cached-setting.js';

const DESK = 'default';

/** The desk's business calendar: the built-in São Paulo calendar until an admin saves another (audited). */
@Injectable()
export class BusinessCalendarsService {
  private built: { key: string; calendar: BusinessCalendar } | null = null;
  private readonly current: CachedSetting<BusinessCalendar>;

  constructor(
    private readonly em: EntityManager,
    private readonly journal: ChangeJournal,
    private readonly clock: Clock,
    @Inject(SETTINGS_CACHE_MS) cacheMs: number,
  ) {
    this.current = new CachedSetting(cacheMs, async () => {
      // Building one loads the holiday rules and drops the remembered days: only when the saved calendar changed.
      const config = await this.config();
      const key = JSON.stringify(config);
      if (this.built?.key !== key) this.built = { key, calendar: new BusinessCalendar(config) };
      return this.built.calendar;
    });
  }

  async config(em: EntityManager = this.em): Promise<BusinessCalendarConfig> {
    const [row] = await em.execute<{ config: BusinessCalendarConfig }[]>(
      `select config from business_calendars where key = ?`,
      [DESK],
    );
    return row?.config ?? defaultCalendarConfig();
  }

  /** The calendar every clock counts with, read on every ticket change (so kept per instance). */
  calendar(): Promise<BusinessCalendar> {
    return this.current.get();
  }

  async save(admin: Principal, config: BusinessCalendarConfig): Promise<BusinessCalendarConfig> {
    usable(config);
    await this.em.transactional(async (tx) => {
      const before = await this.config(tx);
      await tx.execute(
        `insert into business_calendars (key, config, updated_by, updated_at) values (?, ?::jsonb, ?, ?::timestamptz)
         on conflict (key) do update set config = excluded.config, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [DESK, JSON.stringify(config), admin.userId, this.clock.now().toISOString()],
      );
      // New due times apply from each ticket's next change; existing timers keep theirs until then.
      this.journal.record({
        actor: admin,
        action: 'business_calendar.saved',
        subjectType: 'business_calendar',
        subjectId: DESK,
        before: { ...before },
        after: { ...config },
      });
    });
    this.current.forget();
    return config;
  }

  /** The year's holidays and the due times of sample tickets under `draft` (or the saved calendar); saves nothing. */
  async preview(
    draft: BusinessCalendarConfig | undefined,
    year: number,
    samples: { openedAt: string; hours: number }[],
  ) {
    const config = draft ?? (await this.config());
    usable(config, draft ? 'calendar.' : '');
    const calendar = new BusinessCalendar(config);
    return {
      timeZone: config.timeZone,
      holidays: calendar.holidaysOf(year),
      samples: samples.map((sample, index) => {
        let due: ReturnType<typeof previewDue>;
        try {
          due = previewDue(calendar, sample.openedAt, sample.hours);
        } catch {
          // A calendar open a few minutes a week cannot reach a long target within the ten years it looks ahead.
          throw Refusal.invalid(`samples.${index}.hours`, `not due within ten years on this calendar`);
        }
        if (!due)
          throw Refusal.invalid(`samples.${index}.openedAt`, `${sample.openedAt} is not a time in ${config.timeZone}`);
        return { ...due, hours: sample.hours };
      }),
    };
  }
}

/** Refuses a calendar the clocks could not count with, each fault under its field (`prefix` + path). */
function usable(config: BusinessCalendarConfig, prefix = ''): void {
  const issues = calendarIssues(config);
  if (issues.length > 0)
    throw Refusal.badInput(issues.map((issue) => ({ field: prefix + issue.field, message: issue.message })));
}
