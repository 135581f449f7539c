import { Migration } from '@mikro-orm/migrations';

export class Migration20261124092024_attempt_log extends Migration {

  override name = 'Migration20261124092024_attempt_log';

  override up(): void | Promise<void> {
    this.addSql(`alter table "sync_attempts" add "attempt_log" jsonb not null default '[]';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sync_attempts" drop column "attempt_log";`);
  }

}
