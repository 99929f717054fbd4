import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Observable, Subject } from 'rxjs';

/** What a screen needs to know to refetch: which kind of thing changed, never its content. */
export interface LiveNotice {
  position: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
}

/** One look a second keeps queue and dashboard "live" for people without a query per viewer. */
export const LIVE_POLL_MS = 1000;
const BATCH = 500;

/**
 * Changes as they are committed, read from the outbox every instance already writes in the same
 * transaction as the change: any instance sees every other instance's changes, and the cost is one
 * indexed read per instance per second while someone watches, whatever the number of viewers.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  private readonly logger = new Logger(LiveFeed.name);
  private readonly notices = new Subject<LiveNotice[]>();
  private timer: NodeJS.Timeout | null = null;
  private cursor: string | null = null;
  private ready: (() => void)[] = [];
  private viewers = 0;

  constructor(private readonly em: EntityManager) {}

  /**
   * Notices committed after the subscription, in batches; the first batch is empty and says from
   * when on nothing is missed. Polling runs only while someone subscribes.
   */
  watch(): Observable<LiveNotice[]> {
    return new Observable<LiveNotice[]>((subscriber) => {
      if (this.cursor !== null) subscriber.next([]);
      else this.ready.push(() => subscriber.next([]));
      const subscription = this.notices.subscribe(subscriber);
      if (this.viewers++ === 0) this.start();
      return () => {
        subscription.unsubscribe();
        if (--this.viewers === 0) this.stop();
      };
    });
  }

  onModuleDestroy(): void {
    this.stop();
    this.notices.complete();
  }

  private start(): void {
    const poll = async () => {
      try {
        await this.poll();
      } catch (error) {
        // A failed look is retried on the next one; viewers keep their connection.
        this.logger.warn(`live feed: ${(error as Error).message}`);
      } finally {
        if (this.viewers > 0) this.timer = setTimeout(() => void poll(), LIVE_POLL_MS);
      }
    };
    this.timer = setTimeout(() => void poll(), 0);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.cursor = null;
  }

  private async poll(): Promise<void> {
    const em = this.em.fork();
    if (this.cursor === null) {
      const [row] = await em.execute<{ last: string | null }[]>(
        `select max(position)::text as last from outbox_events`,
      );
      this.cursor = row?.last ?? '0';
      for (const tell of this.ready.splice(0)) tell();
      return;
    }
    const rows = await em.execute<LiveNotice[]>(
      `select position::text as position, type, aggregate_type as "aggregateType", aggregate_id as "aggregateId"
         from outbox_events where position > ?::bigint order by position limit ${BATCH}`,
      [this.cursor],
    );
    if (!rows.length) return;
    this.cursor = rows.at(-1)!.position;
    this.notices.next(rows);
  }
}
