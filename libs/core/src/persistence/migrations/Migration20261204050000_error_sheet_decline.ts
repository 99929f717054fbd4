import { Migration } from '@mikro-orm/migrations';

/**
 * A leader (or N2) may decline a request to include a case in the error-correction sheet, with the
 * reason the agent reads on the ticket. A declined request no longer holds the ticket's one live
 * request, so the agent can put the case forward again once they have what was missing.
 */
export class Migration20261204050000_error_sheet_decline extends Migration {
  override name = 'Migration20261204050000_error_sheet_decline';

  override up(): void {
    this.addSql(`alter table error_sheet_requests drop constraint error_sheet_requests_status_check`);
    this.addSql(`
      alter table error_sheet_requests
        add constraint error_sheet_requests_status_check check (status in ('requested', 'authorised', 'declined')),
        add column declined_by uuid null references users (id) on delete set null,
        add column declined_at timestamptz null,
        add column decline_reason text null check (length(decline_reason) between 1 and 2000),
        add constraint error_sheet_requests_declined_with_reason
          check ((status = 'declined') = (declined_at is not null and decline_reason is not null))`);
    this.addSql(`drop index error_sheet_requests_one_per_ticket`);
    this.addSql(`
      create unique index error_sheet_requests_one_per_ticket on error_sheet_requests (ticket_id)
       where status <> 'declined'`);
  }

  override down(): void {
    this.addSql(`delete from error_sheet_requests where status = 'declined'`);
    this.addSql(`drop index error_sheet_requests_one_per_ticket`);
    this.addSql(`create unique index error_sheet_requests_one_per_ticket on error_sheet_requests (ticket_id)`);
    this.addSql(`
      alter table error_sheet_requests
        drop constraint error_sheet_requests_declined_with_reason,
        drop column declined_by, drop column declined_at, drop column decline_reason,
        drop constraint error_sheet_requests_status_check,
        add constraint error_sheet_requests_status_check check (status in ('requested', 'authorised'))`);
  }
}
