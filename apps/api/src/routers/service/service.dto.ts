import type { Service } from "@askpro/db";
import type { SyncStatus } from "@askpro/domain";

export interface ServiceDto {
  id: string;
  companyId: string;
  companyName: string;
  name: string;
  slug: string;
  description: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumBookingNoticeMinutes: number;
  priceCents: number;
  currency: string;
  isActive: boolean;
  requiresConfirmation: boolean;
  disableGuests: boolean;
  calcomEventTypeId: number | null;
  calcomEventTypeUrl: string | null;
  syncStatus: SyncStatus;
  syncError: string | null;
  lastSyncedAt: string | null;
  lastSyncAttemptAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function calcomEventTypeUrl(eventTypeId: number): string {
  return `https://app.cal.com/event-types/${eventTypeId}`;
}

/** Expects `company` to be loaded. */
export function toServiceDto(service: Service): ServiceDto {
  return {
    id: service.id,
    companyId: service.company.id,
    companyName: service.company.name,
    name: service.name,
    slug: service.slug,
    description: service.description,
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    minimumBookingNoticeMinutes: service.minimumBookingNoticeMinutes,
    priceCents: service.priceCents,
    currency: service.currency,
    isActive: service.isActive,
    requiresConfirmation: service.requiresConfirmation,
    disableGuests: service.disableGuests,
    calcomEventTypeId: service.calcomEventTypeId ?? null,
    calcomEventTypeUrl: service.calcomEventTypeId ? calcomEventTypeUrl(service.calcomEventTypeId) : null,
    syncStatus: service.syncStatus,
    syncError: service.syncError ?? null,
    lastSyncedAt: service.lastSyncedAt?.toISOString() ?? null,
    lastSyncAttemptAt: service.lastSyncAttemptAt?.toISOString() ?? null,
    version: service.version,
    createdAt: service.createdAt.toISOString(),
    updatedAt: service.updatedAt.toISOString(),
  };
}
