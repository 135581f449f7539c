import { Migration } from '@mikro-orm/migrations';

export class Migration20261202090400_service_deletion extends Migration {

  override name = 'Migration20261202090400_service_deletion';

  override up(): void | Promise<void> {
    // A linked service being deleted waits in `deleting` for the job that hides or deletes its event
    // type, and comes back as `delete_failed` when that job fails; the job's history rows are hide / delete.
    this.addSql(`alter table "services" drop constraint if exists "services_sync_status_check";`);
    this.addSql(`alter table "services" add constraint "services_sync_status_check" check ("sync_status" in ('never', 'pending', 'synced', 'error', 'deleting', 'delete_failed'));`);
    this.addSql(`alter table "sync_attempts" drop constraint if exists "sync_attempts_kind_check";`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_kind_check" check ("kind" in ('sync', 'import', 'hide', 'delete'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "sync_attempts" where "kind" in ('hide', 'delete');`);
    this.addSql(`alter table "sync_attempts" drop constraint if exists "sync_attempts_kind_check";`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_kind_check" check ("kind" in ('sync', 'import'));`);
    this.addSql(`update "services" set "sync_status" = 'error' where "sync_status" in ('deleting', 'delete_failed');`);
    this.addSql(`alter table "services" drop constraint if exists "services_sync_status_check";`);
    this.addSql(`alter table "services" add constraint "services_sync_status_check" check ("sync_status" in ('never', 'pending', 'synced', 'error'));`);
  }

}
