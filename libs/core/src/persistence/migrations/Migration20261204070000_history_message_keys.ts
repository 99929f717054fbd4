import { Migration } from '@mikro-orm/migrations';

/**
 * A system-written history line keeps the catalogue key and values it was written from beside its
 * pt-BR body, so a reader who chose English gets the same line in English (docs/decisions/
 * 0007-history-language.md). Lines written before, and people's words, have neither: they show their body.
 */
export class Migration20261204070000_history_message_keys extends Migration {
  override name = 'Migration20261204070000_history_message_keys';

  override up(): void {
    this.addSql(`alter table ticket_entries add column message_key text, add column message_values jsonb`);
    this.addSql(`
      alter table ticket_entries add constraint ticket_entries_message_check
        check ((message_key is null) = (message_values is null))`);
  }

  override down(): void {
    this.addSql(
      `alter table ticket_entries drop constraint ticket_entries_message_check, drop column message_values, drop column message_key`,
    );
  }
}
