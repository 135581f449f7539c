import { Migration } from '@mikro-orm/migrations';

export class Migration20261202090509_calcom_assignment_and_create extends Migration {

  override name = 'Migration20261202090509_calcom_assignment_and_create';

  override up(): void | Promise<void> {
    // How team event types made by "Create in Cal.com" assign bookings: the company's default, which a
    // service may override (null: the company's).
    this.addSql(`alter table "companies" add column "calcom_assignment" text not null default 'roundRobin';`);
    this.addSql(`alter table "companies" add constraint "companies_calcom_assignment_check" check ("calcom_assignment" in ('roundRobin', 'collective'));`);
    this.addSql(`alter table "services" add column "calcom_assignment" text null;`);
    this.addSql(`alter table "services" add constraint "services_calcom_assignment_check" check ("calcom_assignment" in ('roundRobin', 'collective'));`);
    // A history row of "Create in Cal.com". Every kind known when this was written, whichever of the
    // migrations that widen the list runs last.
    this.addSql(`alter table "sync_attempts" drop constraint if exists "sync_attempts_kind_check";`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_kind_check" check ("kind" in ('sync', 'import', 'hide', 'delete', 'create'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "sync_attempts" where "kind" = 'create';`);
    this.addSql(`alter table "sync_attempts" drop constraint if exists "sync_attempts_kind_check";`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_kind_check" check ("kind" in ('sync', 'import', 'hide', 'delete'));`);
    this.addSql(`alter table "services" drop constraint if exists "services_calcom_assignment_check";`);
    this.addSql(`alter table "services" drop column "calcom_assignment";`);
    this.addSql(`alter table "companies" drop constraint if exists "companies_calcom_assignment_check";`);
    this.addSql(`alter table "companies" drop column "calcom_assignment";`);
  }

}
