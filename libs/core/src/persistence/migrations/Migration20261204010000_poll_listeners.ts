import { Migration } from '@mikro-orm/migrations';

/**
 * Polls that a listener (IMAP IDLE) can bring forward. `woken_at`: the service announced a change
 * since the poll was last claimed. `claimed_until`: a poll is running until then, so a wake-up
 * during it waits for it instead of starting a second poll of the channel beside it.
 * `listener_holder`/`listener_until`: the scheduler instance holding the channel's one listener
 * session, and until when its lease runs without renewal.
 */
export class Migration20261204010000_poll_listeners extends Migration {
  override name = 'Migration20261204010000_poll_listeners';

  override up(): void {
    this.addSql(`
      alter table channel_poll_states
        add column woken_at timestamptz null,
        add column claimed_until timestamptz null,
        add column listener_holder uuid null,
        add column listener_until timestamptz null`);
  }

  override down(): void {
    this.addSql(`
      alter table channel_poll_states
        drop column woken_at, drop column claimed_until, drop column listener_holder, drop column listener_until`);
  }
}
