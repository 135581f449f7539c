import { Migration } from '@mikro-orm/migrations';

export class Migration20261202091507_worker_metrics_url extends Migration {

  override name = 'Migration20261202091507_worker_metrics_url';

  override up(): void | Promise<void> {
    // Where each worker serves its metrics: several workers on one host serve them on different ports.
    this.addSql(`alter table "worker_heartbeats" add column "metrics_url" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "worker_heartbeats" drop column "metrics_url";`);
  }

}
