import type { SyncStatus } from "@askpro/domain";

/**
 * The columns of `services as s` behind a service's own fields, for the plain-SQL reads that skip
 * entities (the api's read procedures, the worker's sync): one spelling of the snake_case names.
 */
export const SERVICE_FIELD_COLUMNS = `s.name, s.slug, s.description, s.duration_minutes, s.buffer_before_minutes,
  s.buffer_after_minutes, s.minimum_booking_notice_minutes, s.price_cents, s.currency, s.is_active,
  s.requires_confirmation, s.disable_guests, s.calcom_event_type_id, s.sync_status`;

/** As the driver returns them: bigint as text. */
export interface ServiceFieldsRow {
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
}

export function serviceFieldsFromRow(row: ServiceFieldsRow) {
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
    syncStatus: row.sync_status,
  };
}
