import { Migration } from '@mikro-orm/migrations';

export class Migration20261123006001_business_calendars extends Migration {
  override name = 'Migration20261123006001_business_calendars';

  override up(): void {
    // One row per calendar; "default" is the desk's. Absent means the built-in São Paulo desk calendar.
    this.addSql(`
      create table business_calendars (
        key text primary key,
        config jsonb not null,
        updated_by uuid null,
        updated_at timestamptz not null
      )`);
  }
}
