import { Migration } from '@mikro-orm/migrations';

export class Migration20261202095345_company_sync_pause extends Migration {

  override name = 'Migration20261202095345_company_sync_pause';

  override up(): void | Promise<void> {
    // "Pause syncing": while set, the worker sends nothing to Cal.com for the company; requests still queue.
    this.addSql(`alter table "companies" add column "sync_paused_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "companies" drop column "sync_paused_at";`);
  }

}
