import { Migration } from '@mikro-orm/migrations';

export class Migration20261202100246_calcom_budget_window_start extends Migration {

  override name = 'Migration20261202100246_calcom_budget_window_start';

  override up(): void | Promise<void> {
    // Budgets are re-read from Cal.com's next answers: dropping the rows costs one probe per key.
    this.addSql(`delete from "calcom_rate_budgets";`);
    this.addSql(`alter table "calcom_rate_budgets" add column "window_started_at" timestamptz not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "calcom_rate_budgets" drop column "window_started_at";`);
  }

}
