import { Migration } from '@mikro-orm/migrations';

export class Migration20261202095500_bulk_sync_runs extends Migration {

  override name = 'Migration20261202095500_bulk_sync_runs';

  override up(): void | Promise<void> {
    // Bulk sync: a run points at the sync attempts it requested, so its progress can be read by every
    // member of the company and its not yet started jobs cancelled ("cancelled" history rows).
    this.addSql(`create table "bulk_sync_runs" ("id" uuid not null, "company_id" uuid not null, "requested_by_id" uuid null, "requested_at" timestamptz not null, "skipped" int not null default 0, "cancelled_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "bulk_sync_runs_company_id_index" on "bulk_sync_runs" ("company_id");`);
    this.addSql(`alter table "bulk_sync_runs" add constraint "bulk_sync_runs_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "bulk_sync_runs" add constraint "bulk_sync_runs_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`create table "bulk_sync_run_items" ("id" uuid not null, "run_id" uuid not null, "service_id" uuid not null, "attempt_id" uuid null, "job_id" varchar(200) null, "previous_status" text not null, "queue_error" text null, primary key ("id"));`);
    this.addSql(`create index "bulk_sync_run_items_run_id_index" on "bulk_sync_run_items" ("run_id");`);
    this.addSql(`alter table "bulk_sync_run_items" add constraint "bulk_sync_run_items_run_id_foreign" foreign key ("run_id") references "bulk_sync_runs" ("id") on delete cascade;`);
    this.addSql(`alter table "bulk_sync_run_items" add constraint "bulk_sync_run_items_service_id_foreign" foreign key ("service_id") references "services" ("id") on delete cascade;`);
    this.addSql(`alter table "bulk_sync_run_items" add constraint "bulk_sync_run_items_previous_status_check" check ("previous_status" in ('never', 'pending', 'synced', 'error', 'deleting', 'delete_failed'));`);
    this.addSql(`alter table "sync_attempts" drop constraint "sync_attempts_outcome_check";`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_outcome_check" check ("outcome" in ('succeeded', 'failed', 'retrying', 'cancelled'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "bulk_sync_run_items" cascade;`);
    this.addSql(`drop table if exists "bulk_sync_runs" cascade;`);
    this.addSql(`update "sync_attempts" set "outcome" = 'failed' where "outcome" = 'cancelled';`);
    this.addSql(`alter table "sync_attempts" drop constraint "sync_attempts_outcome_check";`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_outcome_check" check ("outcome" in ('succeeded', 'failed', 'retrying'));`);
  }

}
