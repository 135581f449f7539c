import { Migration } from '@mikro-orm/migrations';

/** The digest of a sync's PATCH body (sync_attempts.payload), as sent-digest.ts builds it from the service's columns. */
const PAYLOAD_DIGEST = `md5((a.payload ->> 'title') || chr(31) || (a.payload ->> 'slug') || chr(31) || coalesce(a.payload ->> 'description', '')
  || chr(31) || (a.payload ->> 'lengthInMinutes') || chr(31) || (a.payload ->> 'beforeEventBuffer') || chr(31) || (a.payload ->> 'afterEventBuffer')
  || chr(31) || (a.payload ->> 'minimumBookingNotice') || chr(31) || ((a.payload ->> 'hidden') <> 'true')::text
  || chr(31) || (coalesce(a.payload -> 'confirmationPolicy' ->> 'disabled', 'false') <> 'true')::text || chr(31) || (a.payload ->> 'disableGuests'))`;

export class Migration20261202090300_sync_reason_and_digest extends Migration {

  override name = 'Migration20261202090300_sync_reason_and_digest';

  override up(): void | Promise<void> {
    // Reasons as codes: rows from before keep only their text, which the SPA shows as it is.
    this.addSql(`alter table "services" add column "sync_reason" jsonb null;`);
    this.addSql(`alter table "sync_attempts" add column "reason" jsonb null;`);
    // "Changed since last sync": see packages/db/src/services/sent-digest.ts.
    this.addSql(`alter table "services" add column "sent_digest" varchar(32) null generated always as (md5((name)::text || chr(31) || (slug)::text || chr(31) || (description)::text || chr(31) || (duration_minutes)::text || chr(31) || (buffer_before_minutes)::text || chr(31) || (buffer_after_minutes)::text || chr(31) || (minimum_booking_notice_minutes)::text || chr(31) || (is_active)::text || chr(31) || (requires_confirmation)::text || chr(31) || (disable_guests)::text)) stored;`);
    this.addSql(`alter table "services" add column "synced_digest" varchar(32) null;`);
    // What Cal.com last confirmed of a synced service: the body of its last successful sync. Without
    // one (seeded rows), a service not edited since its last sync is taken as in step, and one edited
    // since as changed ('unknown' matches no digest): a needless sync costs less than a hidden change.
    this.addSql(`update "services" s set "synced_digest" = coalesce(
      (select ${PAYLOAD_DIGEST} from "sync_attempts" a
        where a.service_id = s.id and a.kind = 'sync' and a.outcome = 'succeeded' and a.payload is not null
        order by a.finished_at desc nulls last limit 1),
      case when s.updated_at <= s.last_synced_at then s.sent_digest else 'unknown' end)
      where s.sync_status = 'synced' and s.calcom_event_type_id is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "services" drop column if exists "synced_digest";`);
    this.addSql(`alter table "services" drop column if exists "sent_digest";`);
    this.addSql(`alter table "sync_attempts" drop column if exists "reason";`);
    this.addSql(`alter table "services" drop column if exists "sync_reason";`);
  }

}
