import { Migration } from '@mikro-orm/migrations';

/**
 * The relationship desk's triage queue (seed 000: "tratativa de e-mails e redirecionamento"): a
 * message no ticket or customer could take waits here until a person redirects or dismisses it.
 * One item per message and channel, whatever re-reads it; the open ones are read oldest first.
 */
export class Migration20261204020000_triage_items extends Migration {
  override name = 'Migration20261204020000_triage_items';

  override up(): void {
    this.addSql(`
      create table triage_items (
        id uuid primary key,
        channel_id uuid not null references channels (id),
        item_key varchar(500) not null,
        sender_email varchar(320) not null,
        sender_name varchar(200) null,
        subject varchar(300) not null,
        body text not null,
        attachments jsonb not null default '[]',
        source_url varchar(2000) null,
        external_system varchar(100) null,
        external_id varchar(500) null,
        category varchar(80) null,
        received_at timestamptz not null,
        created_at timestamptz not null,
        status varchar(20) not null default 'open' check (status in ('open', 'redirected', 'dismissed')),
        outcome jsonb null,
        handled_by uuid null references users (id),
        handled_at timestamptz null,
        constraint triage_items_key unique (channel_id, item_key),
        constraint triage_items_handled check ((status = 'open') = (handled_at is null))
      )`);
    this.addSql(`create index triage_items_open on triage_items (received_at, id) where status = 'open'`);
  }

  override down(): void {
    this.addSql(`drop table triage_items`);
  }
}
