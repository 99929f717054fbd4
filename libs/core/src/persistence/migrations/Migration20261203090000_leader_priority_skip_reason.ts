import { Migration } from '@mikro-orm/migrations';

/**
 * A leader's priority mark has its own skip reason now: queue entries recorded before showed it as
 * `urgent`. Relabel them so a queue read right after the upgrade says why, as a new entry would.
 */
export class Migration20261203090000_leader_priority_skip_reason extends Migration {
  override name = 'Migration20261203090000_leader_priority_skip_reason';

  override up(): void {
    this.addSql(`
      update queue_entries q set skip_reason = 'leader-priority'
      from tickets t
      where t.id = q.ticket_id and q.skip_reason = 'urgent'
        and 'PRIORIDADE' = any (t.tags) and not ('URGENTE' = any (t.tags))`);
  }

  override down(): void {
    this.addSql(`update queue_entries set skip_reason = 'urgent' where skip_reason = 'leader-priority'`);
  }
}
