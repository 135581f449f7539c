import { type DriftDetail, type DriftState, parseDriftDetail, parseSyncReason, type SyncReason } from "@askpro/domain";
import type { Selection } from "kysely";
import type { AsReturned, Database } from "../kysely";
import { changedSinceSync } from "./sent-digest";

/** `services as s` and `companies as c`, the aliases the service reads use. */
export type ServiceTables = Database & { s: Database["services"]; c: Database["companies"] };

/** A service's own fields, what a sync sends to Cal.com and what the api shows. */
export const SERVICE_FIELD_COLUMNS = [
  "s.name",
  "s.slug",
  "s.description",
  "s.duration_minutes",
  "s.buffer_before_minutes",
  "s.buffer_after_minutes",
  "s.minimum_booking_notice_minutes",
  "s.price_cents",
  "s.currency",
  "s.is_active",
  "s.requires_confirmation",
  "s.disable_guests",
  "s.calcom_event_type_id",
  "s.calcom_assignment",
  "s.sync_status",
] as const;

/** What the api shows of a service: its fields, its company's name and its sync's record. */
export const SERVICE_DTO_COLUMNS = [
  "s.id",
  "s.company_id",
  "c.name as company_name",
  ...SERVICE_FIELD_COLUMNS,
  "s.sync_error",
  "s.sync_reason",
  "s.sent_digest",
  "s.synced_digest",
  "s.drift_state",
  "s.drift_reason",
  "s.drift_checked_at",
  "s.last_synced_at",
  "s.last_sync_attempt_at",
  "s.version",
  "s.created_at",
  "s.updated_at",
] as const;

export type ServiceFieldsRow = AsReturned<Selection<ServiceTables, "s", (typeof SERVICE_FIELD_COLUMNS)[number]>, "calcom_event_type_id">;
export type ServiceDtoRow = AsReturned<Selection<ServiceTables, "s" | "c", (typeof SERVICE_DTO_COLUMNS)[number]>, "calcom_event_type_id">;

export function serviceFields(row: ServiceFieldsRow) {
  return {
    name: row.name,
    slug: row.slug,
    description: row.description,
    durationMinutes: row.duration_minutes,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    minimumBookingNoticeMinutes: row.minimum_booking_notice_minutes,
    priceCents: row.price_cents,
    currency: row.currency,
    isActive: row.is_active,
    requiresConfirmation: row.requires_confirmation,
    disableGuests: row.disable_guests,
    calcomEventTypeId: row.calcom_event_type_id === null ? null : Number(row.calcom_event_type_id),
    /** How "Create in Cal.com" assigns the team event type's bookings; null: the company's default. */
    calcomAssignment: row.calcom_assignment,
    syncStatus: row.sync_status,
  };
}

export type ServiceFields = ReturnType<typeof serviceFields>;

export interface ServiceDto extends ServiceFields {
  id: string;
  companyId: string;
  companyName: string;
  calcomEventTypeUrl: string | null;
  /** The last sync's failure in plain English; null once synced. */
  syncError: string | null;
  /** The same as a code with parameters for the SPA to word; null for rows from before codes (show syncError). */
  syncReason: SyncReason | null;
  /** A sent field was edited since Cal.com last confirmed the service (see sent-digest.ts). */
  changedSinceSync: boolean;
  /**
   * What the latest drift check found in Cal.com: the state, the detail (a code with parameters: the
   * changed fields with both values), when; null: not checked since the link or the last sync.
   */
  drift: { state: DriftState; detail: DriftDetail | null; checkedAt: string } | null;
  lastSyncedAt: string | null;
  lastSyncAttemptAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function calcomEventTypeUrl(eventTypeId: number): string {
  return `https://app.cal.com/event-types/${eventTypeId}`;
}

/** PostgreSQL's text for a timestamptz in a UTC session (MikroORM's forceUtcTimezone): "2026-11-24 12:31:21.489123+00". */
const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * A timestamptz's text as Date#toISOString() prints it (milliseconds, truncated like a Date), rewritten
 * as text: parsing 200 dates per listed page into Dates and printing them again cost about 8% of the
 * list's CPU. Any other form goes through `parse`, the ORM's own date parser.
 */
export function isoTimestamp(value: string, parse: (value: string) => Date): string {
  const utc = UTC_TIMESTAMP.exec(value);
  if (!utc) return parse(value).toISOString();
  return `${utc[1]}T${utc[2]}.${(utc[3] ?? "").padEnd(3, "0").slice(0, 3)}Z`;
}

/** The one mapping to ServiceDto; `parse` is the ORM platform's date parser. */
export function toServiceDto(row: ServiceDtoRow, parse: (value: string) => Date): ServiceDto {
  const fields = serviceFields(row);
  const iso = (value: string) => isoTimestamp(value, parse);
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    ...fields,
    calcomEventTypeUrl: fields.calcomEventTypeId ? calcomEventTypeUrl(fields.calcomEventTypeId) : null,
    syncError: row.sync_error,
    // A code belongs to the text beside it: none without one.
    syncReason: row.sync_error === null ? null : parseSyncReason(row.sync_reason),
    changedSinceSync: changedSinceSync(row),
    drift:
      row.drift_state === null || row.drift_checked_at === null
        ? null
        : { state: row.drift_state, detail: parseDriftDetail(row.drift_reason), checkedAt: iso(row.drift_checked_at) },
    lastSyncedAt: row.last_synced_at === null ? null : iso(row.last_synced_at),
    lastSyncAttemptAt: row.last_sync_attempt_at === null ? null : iso(row.last_sync_attempt_at),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
