import { Migration } from '@mikro-orm/migrations';

export class Migration20261202094303_company_auto_sync extends Migration {

  override name = 'Migration20261202094303_company_auto_sync';

  override up(): void | Promise<void> {
    // Auto-sync: a saved change to a sent field requests a sync by itself. Off unless an admin turns it on.
    this.addSql(`alter table "companies" add column "auto_sync" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "companies" drop column "auto_sync";`);
  }

}
