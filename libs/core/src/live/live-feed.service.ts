import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { mayFollowChange, type ChangeReach, type LiveViewer, type Role } from '@escala/domain';
import { Observable, type Subscriber } from 'rxjs';

/** What a screen needs to know to refetch: which kind of thing changed, never its content. */
export interface LiveNotice {
  position: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
}

/** One look a second keeps queue and dashboard "live" for people without a query per viewer. */
export const LIVE_POLL_MS = 1000;
/** How often, with nothing committed, the viewers' tokens are checked again (a deactivated person's stream ends). */
export const VIEWER_RECHECK_MS = 5000;
const BATCH = 500;

interface Watcher {
  tokenId: string;
  subscriber: Subscriber<LiveNotice[]>;
}

type ReachedNotice = LiveNotice & ChangeReach;

// A ticket's reach: where it is and who holds it now (the join), and where it was and who held it
// before the change (the event's own fields), so the people it just left hear of it too.
const CHANGES = `
  select e.position::text as position, e.type, e.aggregate_type as "aggregateType", e.aggregate_id as "aggregateId",
         array_remove(array[t.unit_key, e.payload -> 'ticket' -> 'unit' ->> 'key', e.payload ->> 'fromUnit',
                            e.payload ->> 'toUnit', e.payload ->> 'unitKey'], null) as units,
         array_remove(array[t.assignee_id::text, t.spoc_id::text, e.payload -> 'ticket' -> 'assignee' ->> 'id',
                            e.payload ->> 'previousAssigneeId'], null) as people
    from outbox_events e
    left join tickets t on e.aggregate_type = 'ticket' and t.id = (case when e.aggregate_type = 'ticket' then e.aggregate_id::uuid end)
   where e.position > ?::bigint order by e.position limit ${BATCH}`;

// The viewers whose tokens still work, as the auth guard would judge them, with their placement.
const VIEWERS = `
  select t.id as "tokenId", u.id as "userId", u.roles, m.unit_key as "unitKey"
    from auth_tokens t join users u on u.id = t.user_id left join support_members m on m.user_id = u.id
   where t.id in (select value::uuid from jsonb_array_elements_text(?::jsonb)) and t.revoked_at is null and u.active
     and (t.expires_at is null or t.expires_at > now())`;

/**
 * Changes as they are committed, read from the outbox every instance already writes in the same
 * transaction as the change: any instance sees every other instance's changes, and the cost is one
 * indexed read per instance per second while someone watches, plus one read of all its viewers'
 * tokens and placements when there is something to tell, whatever the number of viewers. Each
 * viewer is told only of the changes they may follow (`mayFollowChange`), judged on their placement
 * at that moment; a viewer whose token stopped working (revoked, expired, person deactivated) has
 * their stream ended.
 */
@Injectable()
export class LiveFeed implements OnModuleDestroy {
  private readonly logger = new Logger(LiveFeed.name);
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | null = null;
  private cursor: string | null = null;
  private lastCheck = 0;
  private ready: (() => void)[] = [];

  constructor(private readonly em: EntityManager) {}

  /**
   * Notices committed after the subscription that this token's holder may follow, in batches; the
   * first batch is empty and says from when on nothing is missed. Polling runs only while someone
   * subscribes; the stream completes when the token stops working.
   */
  watch(tokenId: string): Observable<LiveNotice[]> {
    return new Observable<LiveNotice[]>((subscriber) => {
      if (this.cursor !== null) subscriber.next([]);
      else this.ready.push(() => subscriber.next([]));
      const watcher = { tokenId, subscriber };
      this.watchers.add(watcher);
      if (this.watchers.size === 1) this.start();
      return () => {
        this.watchers.delete(watcher);
        if (this.watchers.size === 0) this.stop();
      };
    });
  }

  onModuleDestroy(): void {
    this.stop();
    for (const { subscriber } of this.watchers) subscriber.complete();
    this.watchers.clear();
  }

  private start(): void {
    const poll = async () => {
      try {
        await this.poll();
      } catch (error) {
        // A failed look is retried on the next one; viewers keep their connection.
        this.logger.warn(`live feed: ${(error as Error).message}`);
      } finally {
        if (this.watchers.size > 0) this.timer = setTimeout(() => void poll(), LIVE_POLL_MS);
      }
    };
    this.timer = setTimeout(() => void poll(), 0);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.cursor = null;
    this.ready = [];
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
    const rows = await em.execute<ReachedNotice[]>(CHANGES, [this.cursor]);
    if (rows.length) this.cursor = rows.at(-1)!.position;
    if (!rows.length && Date.now() - this.lastCheck < VIEWER_RECHECK_MS) return;
    this.lastCheck = Date.now();
    const viewers = await this.viewers(em);
    for (const watcher of [...this.watchers]) {
      const viewer = viewers.get(watcher.tokenId);
      if (!viewer) {
        watcher.subscriber.complete();
        continue;
      }
      const told = rows.filter((row) => mayFollowChange(viewer, row)).map(notice);
      if (told.length) watcher.subscriber.next(told);
    }
  }

  private async viewers(em: EntityManager): Promise<Map<string, LiveViewer>> {
    const tokenIds = [...new Set([...this.watchers].map((watcher) => watcher.tokenId))];
    const rows = await em.execute<(LiveViewer & { tokenId: string; roles: Role[] })[]>(VIEWERS, [
      JSON.stringify(tokenIds),
    ]);
    return new Map(rows.map(({ tokenId, ...viewer }) => [tokenId, viewer]));
  }
}

/** What leaves the server: the reach stays behind, it names units and people. */
function notice({ position, type, aggregateType, aggregateId }: ReachedNotice): LiveNotice {
  return { position, type, aggregateType, aggregateId };
}
