import { Migration } from '@mikro-orm/migrations';

export class Migration20261123005000_announcements extends Migration {
  override name = 'Migration20261123005000_announcements';

  override up(): void {
    this.addSql(`
      create table announcement_groups (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        description text null,
        created_at timestamptz not null
      )`);
    this.addSql(`create unique index announcement_groups_name_unique on announcement_groups (lower(name))`);
    this.addSql(`
      create table announcement_group_members (
        id uuid primary key,
        group_id uuid not null references announcement_groups (id) on delete cascade,
        user_id uuid not null references users (id) on delete cascade,
        added_at timestamptz not null,
        unique (group_id, user_id)
      )`);
    this.addSql(`
      create table announcements (
        id uuid primary key,
        group_id uuid not null references announcement_groups (id),
        title text not null,
        body text not null,
        locale text not null check (locale in ('pt-BR', 'en')),
        acknowledge_by timestamptz null,
        published_by uuid not null references users (id),
        published_at timestamptz not null
      )`);
    this.addSql(`create index announcements_published_idx on announcements (published_at desc, id)`);
    // The audience is frozen at publication: joining the group later does not owe an old like.
    this.addSql(`
      create table announcement_recipients (
        id uuid primary key,
        announcement_id uuid not null references announcements (id) on delete cascade,
        user_id uuid not null references users (id),
        acknowledged_at timestamptz null,
        acknowledged_via text null check (acknowledged_via in ('escala', 'teams-reaction')),
        unique (announcement_id, user_id),
        check ((acknowledged_at is null) = (acknowledged_via is null))
      )`);
    this.addSql(
      `create index announcement_recipients_pending_idx on announcement_recipients (user_id) where acknowledged_at is null`,
    );
    // docs/playbook.md §5 names this group; it exists from the start, members are added by a leader or admin.
    this.addSql(`
      insert into announcement_groups (id, name, description, created_at)
      values (gen_random_uuid(), 'Avisos Importantes Secundários', 'Sinalizar a visualização da mensagem através de curtida.', now())`);
  }

  override down(): void {
    this.addSql(`drop table announcement_recipients`);
    this.addSql(`drop table announcements`);
    this.addSql(`drop table announcement_group_members`);
    this.addSql(`drop table announcement_groups`);
  }
}
