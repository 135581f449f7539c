import { type EntityManager, SERVICE_FIELD_COLUMNS, type ServiceFieldsRow, serviceFieldsFromRow } from "@askpro/db";
import { calcomEventTypeUrl, type ServiceDto } from "./service.dto";

/**
 * Read-only procedures read services as plain rows: building managed entities (identity map, company
 * reference, change tracking) cost most of the api's CPU per listed service, and a read needs none of it.
 * Columns of `services as s` and `companies as c`.
 */
export const SERVICE_ROW_COLUMNS = `s.id, s.company_id, c.name as company_name, ${SERVICE_FIELD_COLUMNS}, s.sync_error,
  s.last_synced_at, s.last_sync_attempt_at, s.version, s.created_at, s.updated_at`;

/** As the driver returns it: bigint and timestamptz as text (MikroORM's type parsers). */
export interface ServiceRow extends ServiceFieldsRow {
  id: string;
  company_id: string;
  company_name: string;
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
    const fields = serviceFieldsFromRow(row);
    return {
      id: row.id,
      companyId: row.company_id,
      companyName: row.company_name,
      ...fields,
      calcomEventTypeUrl: fields.calcomEventTypeId ? calcomEventTypeUrl(fields.calcomEventTypeId) : null,
      syncError: row.sync_error,
      lastSyncedAt: row.last_synced_at === null ? null : iso(row.last_synced_at),
      lastSyncAttemptAt: row.last_sync_attempt_at === null ? null : iso(row.last_sync_attempt_at),
      version: row.version,
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  };
}
