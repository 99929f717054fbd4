import { Migration } from '@mikro-orm/migrations';

export class Migration20261123004000_playbook_template_overrides extends Migration {
  override name = 'Migration20261123004000_playbook_template_overrides';

  override up(): void {
    this.addSql(`
      create table playbook_template_overrides (
        id uuid primary key,
        key text not null,
        locale text not null check (locale in ('pt-BR', 'en')),
        body text not null check (length(body) between 1 and 20000),
        updated_by uuid null references users (id) on delete set null,
        updated_at timestamptz not null,
        unique (key, locale)
      )`);
  }

  override down(): void {
    this.addSql(`drop table playbook_template_overrides`);
  }
}
