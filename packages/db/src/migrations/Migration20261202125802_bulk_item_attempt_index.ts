import { Migration } from '@mikro-orm/migrations';

export class Migration20261202125802_bulk_item_attempt_index extends Migration {

  override name = 'Migration20261202125802_bulk_item_attempt_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "bulk_sync_run_items_attempt_id_index" on "bulk_sync_run_items" ("attempt_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "bulk_sync_run_items_attempt_id_index";`);
  }

}
