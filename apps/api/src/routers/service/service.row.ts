import type { EntityManager } from "@askpro/db";
import type { SyncStatus } from "@askpro/domain";
import { calcomEventTypeUrl, type ServiceDto } from "./service.dto";

/**
 * Read-only procedures read services as plain rows: building managed entities (identity map, company
 * reference, change tracking) cost most of the api's CPU per listed service, and a read needs none of it.
 * Columns of `services as s` and `companies as c`.
 */
export const SERVICE_ROW_COLUMNS = `s.id, s.company_id, c.name as company_name, s.name, s.slug, s.description, s.duration_minutes,
  s.buffer_before_minutes, s.buffer_after_minutes, s.minimum_booking_notice_minutes, s.price_cents, s.currency, s.is_active,
  s.requires_confirmation, s.disable_guests, s.calcom_event_type_id, s.sync_status, s.sync_error, s.last_synced_at,
  s.last_sync_attempt_at, s.version, s.created_at, s.updated_at`;

/** As the driver returns it: bigint and timestamptz as text (MikroORM's type parsers). */
export interface ServiceRow {
  id: string;
  company_id: string;
  company_name: string;
  name: string;
  slug: string;
  description: string;
  duration_minutes: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  minimum_booking_notice_minutes: number;
  price_cents: number;
  currency: string;
  is_active: boolean;
  requires_confirmation: boolean;
  disable_guests: boolean;
  calcom_event_type_id: string | null;
  sync_status: SyncStatus;
  sync_error: string | null;
  last_synced_at: string | null;
  last_sync_attempt_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
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

/** The same DTO toServiceDto makes from the entity, to the millisecond. */
export function serviceRowMapper(em: EntityManager): (row: ServiceRow) => ServiceDto {
  const platform = em.getPlatform();
  const parse = (value: string) => platform.parseDate(value) as Date;
  const iso = (value: string) => isoTimestamp(value, parse);
  return (row) => {
    const eventTypeId = row.calcom_event_type_id === null ? null : Number(row.calcom_event_type_id);
    return {
      id: row.id,
      companyId: row.company_id,
      companyName: row.company_name,
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
      calcomEventTypeId: eventTypeId,
      calcomEventTypeUrl: eventTypeId ? calcomEventTypeUrl(eventTypeId) : null,
      syncStatus: row.sync_status,
      syncError: row.sync_error,
      lastSyncedAt: row.last_synced_at === null ? null : iso(row.last_synced_at),
      lastSyncAttemptAt: row.last_sync_attempt_at === null ? null : iso(row.last_sync_attempt_at),
      version: row.version,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  };
}
