import { Migration } from '@mikro-orm/migrations';

export class Migration20261202094104_service_drift extends Migration {

  override name = 'Migration20261202094104_service_drift';

  override up(): void | Promise<void> {
    // Drift is its own state beside sync_status (how our last push went): what Cal.com holds now.
    // Null: not checked since the service was linked (or since a sync, Take Cal.com's values, unlink).
    this.addSql(`alter table "services" add column "drift_state" text null, add column "drift_reason" jsonb null, add column "drift_checked_at" timestamptz null;`);
    this.addSql(`alter table "services" add constraint "services_drift_state_check" check ("drift_state" in ('in_step', 'changed_in_calcom', 'missing_in_calcom'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "services" drop constraint if exists "services_drift_state_check";`);
    this.addSql(`alter table "services" drop column "drift_state", drop column "drift_reason", drop column "drift_checked_at";`);
  }

}
