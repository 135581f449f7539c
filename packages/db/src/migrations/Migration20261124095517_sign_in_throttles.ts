import { Migration } from '@mikro-orm/migrations';

export class Migration20261124095517_sign_in_throttles extends Migration {

  override name = 'Migration20261124095517_sign_in_throttles';

  override up(): void | Promise<void> {
    this.addSql(`create table "sign_in_throttles" ("scope" text not null, "subject_hash" varchar(64) not null, "failures" int not null, "window_started_at" timestamptz not null, primary key ("scope", "subject_hash"));`);
    this.addSql(`create index "sign_in_throttles_window_started_at_index" on "sign_in_throttles" ("window_started_at");`);

    this.addSql(`alter table "sign_in_throttles" add constraint "sign_in_throttles_scope_check" check ("scope" in ('account', 'ip'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sign_in_throttles" cascade;`);
  }

}
