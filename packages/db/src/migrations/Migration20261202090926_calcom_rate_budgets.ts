import { Migration } from '@mikro-orm/migrations';

export class Migration20261202090926_calcom_rate_budgets extends Migration {

  override name = 'Migration20261202090926_calcom_rate_budgets';

  override up(): void | Promise<void> {
    this.addSql(`create table "calcom_rate_budgets" ("key_hash" varchar(64) not null, "request_limit" int not null, "window_ms" int not null, "headers_read" boolean not null, "window_number" int not null, "window_ends_at" timestamptz not null, "taken" int not null, primary key ("key_hash"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "calcom_rate_budgets" cascade;`);
  }

}
