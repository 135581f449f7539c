import { Migration } from '@mikro-orm/migrations';

export class Migration20261202090100_sync_attempt_kind extends Migration {

  override name = 'Migration20261202090100_sync_attempt_kind';

  override up(): void | Promise<void> {
    // Every row so far is a sync's; an import records its own kind of row in the history.
    this.addSql(`alter table "sync_attempts" add column "kind" text not null default 'sync';`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_kind_check" check ("kind" in ('sync', 'import'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sync_attempts" drop constraint if exists "sync_attempts_kind_check";`);
    this.addSql(`alter table "sync_attempts" drop column "kind";`);
  }

}
