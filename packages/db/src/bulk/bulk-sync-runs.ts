import type { BulkSyncCandidate, DriftState, SyncReason, SyncStatus } from "@askpro/domain";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { db } from "../kysely";
import type { EntityManager } from "../orm";

/**
 * Bulk sync's reads and writes, except the status change of "Cancel remaining", which lives with the
 * sync's other status writes (cancelBulkRunRequests in sync/sync-records.ts).
 */

export interface BulkCandidateRow extends BulkSyncCandidate {
  id: string;
  name: string;
}

/**
 * The company's services a bulk sync looks at: those named (ids), or every one (null: "Sync all
 * changed", which then sends only those not in step). Services of other companies are not returned.
 */
export async function listBulkCandidates(em: EntityManager, companyId: string, ids: readonly string[] | null): Promise<BulkCandidateRow[]> {
  if (ids !== null && ids.length === 0) return [];
  const rows = await db(em)
    .selectFrom("services as s")
    .select([
      "s.id",
      "s.name",
      "s.sync_status",
      "s.drift_state",
      sql<boolean>`s.calcom_event_type_id IS NOT NULL`.as("linked"),
      sql<boolean>`s.synced_digest IS NOT NULL AND s.synced_digest = s.sent_digest`.as("confirmed_as_is"),
    ])
    .where("s.company_id", "=", companyId)
    .$if(ids !== null, (q) => q.where("s.id", "in", ids as string[]))
    .orderBy("s.name")
    .orderBy("s.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    syncStatus: row.sync_status as SyncStatus,
    driftState: (row.drift_state ?? null) as DriftState | null,
    linked: row.linked,
    confirmedAsIs: row.confirmed_as_is,
  }));
}

export async function insertBulkRun(em: EntityManager, run: { companyId: string; requestedById: string | null; skipped: number; at: Date }): Promise<string> {
  const id = randomUUID();
  await db(em)
    .insertInto("bulk_sync_runs")
    .values({ id, company_id: run.companyId, requested_by_id: run.requestedById, requested_at: run.at, skipped: run.skipped, cancelled_at: null } as never)
    .execute();
  return id;
}

export interface BulkRunItem {
  runId: string;
  serviceId: string;
  previousStatus: SyncStatus;
  attemptId: string | null;
  jobId: string | null;
  queueError: string | null;
}

/** The run's items, a statement per thousand rather than one each (a run can hold every service of a company). */
export async function insertBulkRunItems(em: EntityManager, items: readonly BulkRunItem[]): Promise<void> {
  const CHUNK = 1_000;
  for (let start = 0; start < items.length; start += CHUNK) {
    const rows = items.slice(start, start + CHUNK).map((item) => ({
      id: randomUUID(),
      run_id: item.runId,
      service_id: item.serviceId,
      previous_status: item.previousStatus,
      attempt_id: item.attemptId,
      job_id: item.jobId,
      queue_error: item.queueError,
    }));
    await db(em)
      .insertInto("bulk_sync_run_items")
      .values(rows as never)
      .execute();
  }
}

/** A run's services with where each stands, read from its sync attempt (its history row). */
export interface BulkRunState {
  id: string;
  companyId: string;
  requestedAt: Date;
  cancelledAt: Date | null;
  skipped: number;
  items: Array<{
    serviceId: string;
    serviceName: string;
    state: "synced" | "failed" | "cancelled" | "pending";
    reason: SyncReason | null;
    error: string | null;
  }>;
}

/** The run (the latest of the company when runId is null); undefined when missing or another company's. */
export async function readBulkRun(em: EntityManager, query: { runId: string | null; companyId: string | null }): Promise<BulkRunState | undefined> {
  if (query.runId === null && query.companyId === null) return undefined;
  const run = await db(em)
    .selectFrom("bulk_sync_runs as r")
    .select(["r.id", "r.company_id", "r.requested_at", "r.cancelled_at", "r.skipped"])
    .$if(query.runId !== null, (q) => q.where("r.id", "=", query.runId as string))
    .$if(query.companyId !== null, (q) => q.where("r.company_id", "=", query.companyId as string))
    .orderBy("r.requested_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!run) return undefined;
  const items = await db(em)
    .selectFrom("bulk_sync_run_items as i")
    .innerJoin("services as s", "s.id", "i.service_id")
    .leftJoin("sync_attempts as a", "a.id", "i.attempt_id")
    .select(["i.service_id", "s.name", "i.queue_error", "a.outcome", "a.reason", "a.error_message"])
    .where("i.run_id", "=", run.id)
    .orderBy("s.name")
    .execute();
  return {
    id: run.id,
    companyId: run.company_id,
    requestedAt: new Date(run.requested_at as unknown as string),
    cancelledAt: run.cancelled_at === null ? null : new Date(run.cancelled_at as unknown as string),
    skipped: run.skipped,
    items: items.map((item) => {
      const state = item.queue_error !== null ? "failed" : item.outcome === "succeeded" ? "synced" : item.outcome === "failed" ? "failed" : item.outcome === "cancelled" ? "cancelled" : "pending";
      return {
        serviceId: item.service_id,
        serviceName: item.name,
        state,
        reason: (item.reason ?? null) as SyncReason | null,
        error: item.queue_error ?? (state === "failed" ? item.error_message : null),
      };
    }),
  };
}

/** The key's rate as the shared budget last read it from Cal.com's headers; undefined before any was read. */
export async function readCalcomKeyRate(em: EntityManager, keyHash: string): Promise<{ limit: number; windowMs: number } | undefined> {
  const row = await db(em)
    .selectFrom("calcom_rate_budgets")
    .select(["request_limit", "window_ms"])
    .where("key_hash", "=", keyHash)
    .where("headers_read", "=", true)
    .executeTakeFirst();
  return row ? { limit: row.request_limit, windowMs: row.window_ms } : undefined;
}
