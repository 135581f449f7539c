import { Migration } from '@mikro-orm/migrations';

export class Migration20261124093206_worker_heartbeats extends Migration {

  override name = 'Migration20261124093206_worker_heartbeats';

  override up(): void | Promise<void> {
    // "if not exists": workers before this migration created the same table themselves.
    this.addSql(`create table if not exists "worker_heartbeats" ("worker_id" text not null, "beat_at" timestamptz not null, "started_at" timestamptz not null, "hostname" text not null, "pid" int not null, primary key ("worker_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "worker_heartbeats" cascade;`);
  }

}
