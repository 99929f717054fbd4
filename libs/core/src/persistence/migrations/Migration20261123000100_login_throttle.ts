import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000100_login_throttle extends Migration {
  override name = 'Migration20261123000100_login_throttle';

  override up(): void {
    this.addSql(`
      create table login_failures (
        id bigint generated always as identity primary key,
        login_key text not null,
        failed_at timestamptz not null
      )`);
    this.addSql(`create index login_failures_key_idx on login_failures (login_key, failed_at)`);
  }
}
