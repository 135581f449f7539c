import { Migration } from '@mikro-orm/migrations';

export class Migration20261124090417_initial extends Migration {

  override name = 'Migration20261124090417_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "companies" ("id" uuid not null, "name" varchar(200) not null, "slug" varchar(100) not null, "calcom_team_id" bigint null, "calcom_api_key_encrypted" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "companies" add constraint "companies_slug_unique" unique ("slug");`);

    this.addSql(`create table "services" ("id" uuid not null, "company_id" uuid not null, "name" varchar(120) not null, "slug" varchar(100) not null, "description" text not null default '', "duration_minutes" int not null, "buffer_before_minutes" int not null default 0, "buffer_after_minutes" int not null default 0, "minimum_booking_notice_minutes" int not null default 0, "price_cents" int not null default 0, "currency" char(3) not null default 'EUR', "is_active" boolean not null default true, "requires_confirmation" boolean not null default false, "disable_guests" boolean not null default false, "calcom_event_type_id" bigint null, "sync_status" text not null default 'never', "sync_error" text null, "last_synced_at" timestamptz null, "last_sync_attempt_at" timestamptz null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "services" add constraint "services_calcom_event_type_id_unique" unique ("calcom_event_type_id");`);
    this.addSql(`alter table "services" add constraint "services_company_slug_unique" unique ("company_id", "slug");`);

    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(254) not null, "password_hash" text not null, "role" text not null, "company_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "sync_attempts" ("id" uuid not null, "service_id" uuid not null, "requested_by_id" uuid null, "requested_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "outcome" text null, "attempt_number" int not null default 1, "http_status" int null, "calcom_error_code" varchar(200) null, "error_message" text null, "payload" jsonb null, "job_id" varchar(200) null, primary key ("id"));`);
    this.addSql(`create index "sync_attempts_service_id_index" on "sync_attempts" ("service_id");`);

    this.addSql(`create table "sessions" ("id" varchar(64) not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "last_seen_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);
    this.addSql(`create index "sessions_expires_at_index" on "sessions" ("expires_at");`);

    this.addSql(`alter table "services" add constraint "services_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "services" add constraint "services_sync_status_check" check ("sync_status" in ('never', 'pending', 'synced', 'error'));`);

    this.addSql(`alter table "users" add constraint "users_company_id_foreign" foreign key ("company_id") references "companies" ("id") on delete cascade;`);
    this.addSql(`alter table "users" add constraint "users_email_check" check (email = lower(email));`);
    this.addSql(`alter table "users" add constraint "users_role_check" check ("role" in ('owner', 'admin', 'viewer'));`);

    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_service_id_foreign" foreign key ("service_id") references "services" ("id") on delete cascade;`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "sync_attempts" add constraint "sync_attempts_outcome_check" check ("outcome" in ('succeeded', 'failed', 'retrying'));`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "services" drop constraint "services_company_id_foreign";`);
    this.addSql(`alter table "users" drop constraint "users_company_id_foreign";`);
    this.addSql(`alter table "sync_attempts" drop constraint "sync_attempts_service_id_foreign";`);
    this.addSql(`alter table "sync_attempts" drop constraint "sync_attempts_requested_by_id_foreign";`);
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);

    this.addSql(`drop table if exists "companies" cascade;`);
    this.addSql(`drop table if exists "services" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "sync_attempts" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
  }

}
