import { DRIFT_STATES, type DriftDetail, type DriftState, type SyncableService } from "@askpro/domain";
import { sql } from "kysely";
import { asReturned, db } from "../kysely";
import type { EntityManager } from "../orm";
import { SERVICE_FIELD_COLUMNS, serviceFields } from "../services/service-dto";

/**
 * The drift check's reads and writes (the one module that sets `services.drift_*`; sync-records.ts
 * clears them when a sync, Take Cal.com's values or an unlink makes them stale). Drift writes never
 * touch `version` or `sync_status`: the check observes Cal.com, it edits nothing, and an open edit form
 * must not go stale because a check ran.
 */

/** Statuses whose service the check leaves alone: a push or a deletion is under way and will settle it. */
const NOT_CHECKED_STATUSES = ["pending", "deleting"] as const;

export interface DriftCandidate {
  id: string;
  /** The version read: a mark lands only while the service is still as it was judged. */
  version: number;
  service: SyncableService & { calcomEventTypeId: number };
}

export interface DriftCompany {
  calcomTeamId: number | null;
  /** Encrypted; null when the company uses the global key. */
  calcomApiKeyEncrypted: string | null;
  services: DriftCandidate[];
}

/** The company's Cal.com settings and its linked services that are not pending or being deleted; undefined: no such company. */
export async function loadDriftCompany(em: EntityManager, companyId: string): Promise<DriftCompany | undefined> {
  const company = await db(em)
    .selectFrom("companies")
    .select(["calcom_team_id", "calcom_api_key_encrypted"])
    .where("id", "=", companyId)
    .$call(asReturned("calcom_team_id"))
    .executeTakeFirst();
  if (!company) return undefined;
  const rows = await db(em)
    .selectFrom("services as s")
    .select(["s.id", "s.version", ...SERVICE_FIELD_COLUMNS])
    .where("s.company_id", "=", companyId)
    .where("s.calcom_event_type_id", "is not", null)
    .where("s.sync_status", "not in", NOT_CHECKED_STATUSES as unknown as never[])
    .orderBy("s.id")
    .$call(asReturned("calcom_event_type_id"))
    .execute();
  return {
    calcomTeamId: company.calcom_team_id === null ? null : Number(company.calcom_team_id),
    calcomApiKeyEncrypted: company.calcom_api_key_encrypted,
    services: rows.map((row) => {
      const fields = serviceFields(row);
      return { id: row.id, version: row.version, service: { ...fields, calcomEventTypeId: fields.calcomEventTypeId as number } };
    }),
  };
}

export interface DriftMark {
  serviceId: string;
  version: number;
  /** The event type judged: a service linked elsewhere since is not marked. */
  eventTypeId: number;
  detail: DriftDetail;
}

/**
 * Writes every mark in one statement. A mark lands only on a service still at the version read, still
 * linked to the event type judged, and not pending or being deleted since: an edit, a relink or a
 * sync started since the list was read (`readAt`) wins, and the next check judges it again. Resolves to the services marked.
 */
export async function writeDriftMarks(em: EntityManager, marks: readonly DriftMark[], times: { readAt: Date; at: Date }): Promise<number> {
  if (marks.length === 0) return 0;
  const values = marks.map((mark) => ({
    id: mark.serviceId,
    version: mark.version,
    event_type_id: mark.eventTypeId,
    state: mark.detail.code,
    reason: JSON.stringify(mark.detail),
  }));
  const result = await db(em)
    .updateTable("services as s")
    .from(
      sql<{ id: string; version: number; event_type_id: number; state: string; reason: string }>`(SELECT * FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        AS m(id uuid, version int, event_type_id bigint, state text, reason text))`.as("m"),
    )
    .set({
      drift_state: sql`m.state`,
      drift_reason: sql`m.reason::jsonb`,
      drift_checked_at: times.at,
    } as never)
    .whereRef("s.id", "=", sql.ref("m.id") as never)
    .whereRef("s.version", "=", sql.ref("m.version") as never)
    .whereRef("s.calcom_event_type_id", "=", sql.ref("m.event_type_id") as never)
    .where("s.sync_status", "not in", NOT_CHECKED_STATUSES as unknown as never[])
    // A sync started after Cal.com's list was read may have changed the event type since (and, ended
    // synced, cleared the mark): what was read is no longer the truth about it.
    .where((eb) => eb.or([eb("s.last_sync_attempt_at", "is", null), eb("s.last_sync_attempt_at", "<", times.readAt)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Companies with at least one linked service: the recurring check queues one job for each. */
export async function companiesWithLinkedServices(em: EntityManager): Promise<string[]> {
  const rows = await db(em).selectFrom("services").select("company_id").distinct().where("calcom_event_type_id", "is not", null).execute();
  return rows.map((row) => row.company_id);
}

/** Linked services by drift state, every company together ("unchecked": not checked yet); for the worker's gauge. */
export async function countServicesByDrift(em: EntityManager): Promise<Record<DriftState | "unchecked", number>> {
  const rows = await db(em)
    .selectFrom("services")
    .select(["drift_state", sql<string>`count(*)`.as("count")])
    .where("calcom_event_type_id", "is not", null)
    .groupBy("drift_state")
    .execute();
  const counts = Object.fromEntries([...DRIFT_STATES, "unchecked"].map((state) => [state, 0])) as Record<DriftState | "unchecked", number>;
  for (const row of rows) counts[row.drift_state ?? "unchecked"] = Number(row.count);
  return counts;
}

/** When the company's services were last checked (the latest mark); null: none has been. */
export async function lastDriftCheckAt(em: EntityManager, companyId: string): Promise<Date | null> {
  const row = await db(em)
    .selectFrom("services")
    // Milliseconds: the plain Kysely hands timestamps back as PostgreSQL's text.
    .select(sql<number | null>`(extract(epoch FROM max(drift_checked_at)) * 1000)::float8`.as("at"))
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  return row?.at == null ? null : new Date(row.at);
}
