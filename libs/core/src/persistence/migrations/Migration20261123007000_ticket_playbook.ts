import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_INOPERATIVE_SERVICES } from '@escala/domain';

export class Migration20261123007000_ticket_playbook extends Migration {
  override name = 'Migration20261123007000_ticket_playbook';

  override up(): void {
    this.addSql(`
      create table ticket_playbook (
        ticket_id uuid primary key references tickets (id) on delete cascade,
        cancellation_contact jsonb null,
        cancellation_reason jsonb null,
        urgent jsonb null,
        mediation jsonb null,
        mediation_report jsonb null,
        partner_case jsonb null,
        updated_at timestamptz not null
      )`);
    this.addSql(`
      create table inoperative_services (
        code text primary key check (code ~ '^[a-z0-9-]{1,60}$'),
        label_pt_br text not null check (length(label_pt_br) between 1 and 200),
        label_en text not null check (length(label_en) between 1 and 200),
        active boolean not null,
        updated_at timestamptz not null
      )`);
    const rows = DEFAULT_INOPERATIVE_SERVICES.map(
      (s) => `(${quote(s.code)}, ${quote(s.label['pt-BR'])}, ${quote(s.label.en)}, ${s.active}, now())`,
    );
    this.addSql(
      `insert into inoperative_services (code, label_pt_br, label_en, active, updated_at) values ${rows.join(', ')}`,
    );
    // Claims of the outbox events the playbook acts on (timer follow-ups): one row = handled once.
    this.addSql(`create table playbook_handled_events (event_id uuid primary key, handled_at timestamptz not null)`);
    // The follow-up looks for these few event types every tick; without it each look scans the outbox.
    this.addSql(
      `create index outbox_events_third_party_due on outbox_events (position) where type in ('third_party.resend_due', 'third_party.report_due')`,
    );
  }

  override down(): void {
    this.addSql(`drop index outbox_events_third_party_due`);
    this.addSql(`drop table playbook_handled_events`);
    this.addSql(`drop table inoperative_services`);
    this.addSql(`drop table ticket_playbook`);
  }
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
