import { Migration } from '@mikro-orm/migrations';

export class Migration20261202091159_service_edits extends Migration {

  override name = 'Migration20261202091159_service_edits';

  override up(): void | Promise<void> {
    // The edit history: one row per change to a service, written in the change's own transaction.
    this.addSql(`create table "service_edits" ("id" uuid not null, "service_id" uuid not null, "edited_by_id" uuid null, "edited_at" timestamptz not null, "kind" text not null, "changes" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "service_edits_service_id_edited_at_index" on "service_edits" ("service_id", "edited_at");`);
    this.addSql(`alter table "service_edits" add constraint "service_edits_service_id_foreign" foreign key ("service_id") references "services" ("id") on delete cascade;`);
    this.addSql(`alter table "service_edits" add constraint "service_edits_edited_by_id_foreign" foreign key ("edited_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "service_edits" add constraint "service_edits_kind_check" check ("kind" in ('create', 'update', 'link', 'unlink'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "service_edits" cascade;`);
  }

}
