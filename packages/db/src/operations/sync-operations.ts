import type { SyncReason, SyncStatus } from "@askpro/domain";
import { sql } from "kysely";
import { db } from "../kysely";
import type { EntityManager } from "../orm";

/**
 * The operations page's reads: per company the sync queue, the last window's failures and success
 * rate, and whether syncing is paused. `companyId` null reads every company (a platform operator);
 * otherwise only that company's rows exist here, so an admin never learns another company's counts.
 * Counts cover syncs (history rows of kind `sync`), the pushes "Retry" repeats.
 */

export interface CompanySyncOverview {
  companyId: string;
  companyName: string;
  /** ISO time since when syncing is paused; null: syncing. */
  syncPausedAt: string | null;
  /** Services waiting for their sync's job (queued, or waiting for a retry). */
  queued: number;
  /** Services whose sync is calling Cal.com now. */
  running: number;
  /** Syncs that ended failed in the window. */
  failed: number;
  succeeded: number;
  /** succeeded / (succeeded + failed) in the window; null when none ended. */
  successRate: number | null;
  /**
   * 95th percentile of click (request) to synced, in milliseconds, over the window's successful syncs
   * other than bulk runs' (which wait in their queue at the key's rate by design); null: none.
   */
  clickToSyncedP95Ms: number | null;
  /** Linked services the last drift check found changed in Cal.com / missing there. */
  driftChanged: number;
  driftMissing: number;
}

/** A service whose latest sync in the window failed and that is still in `error`. */
export interface FailedSync {
  serviceId: string;
  serviceName: string;
  companyId: string;
  companyName: string;
  attemptId: string;
  /** ISO time the sync failed. */
  failedAt: string;
  reason: SyncReason | null;
  /** The stored English text, for rows from before reason codes. */
  errorMessage: string | null;
  syncStatus: SyncStatus;
}

export interface SyncOperationsOverview {
  companies: CompanySyncOverview[];
  failures: FailedSync[];
}

export interface SyncOperationsQuery {
  /** null: every company. */
  companyId: string | null;
  /** The window's start. */
  since: Date;
  /** The most failures listed (newest first). */
  failureLimit: number;
}

/** Statuses read here, bound as parameters: status words in SQL text belong to sync-records.ts, which writes them. */
const PENDING: SyncStatus = "pending";
const ERROR: SyncStatus = "error";

export async function syncOperationsOverview(em: EntityManager, query: SyncOperationsQuery): Promise<SyncOperationsOverview> {
  const scope = query.companyId === null ? sql`true` : sql`c.id = ${query.companyId}`;
  const companies = await sql<{
    id: string;
    name: string;
    sync_paused_at: string | null;
    queued: string;
    running: string;
    failed: string;
    succeeded: string;
    p95_ms: number | null;
    drift_changed: string;
    drift_missing: string;
  }>`
    select c.id, c.name, c.sync_paused_at,
      (select count(*) from services s where s.company_id = c.id and s.sync_status = ${PENDING})
        - (select count(*) from services s join sync_attempts a on a.service_id = s.id
           where s.company_id = c.id and s.sync_status = ${PENDING} and a.started_at is not null and a.finished_at is null and a.outcome is null) as queued,
      (select count(*) from services s join sync_attempts a on a.service_id = s.id
       where s.company_id = c.id and s.sync_status = ${PENDING} and a.started_at is not null and a.finished_at is null and a.outcome is null) as running,
      (select count(*) from services s join sync_attempts a on a.service_id = s.id
       where s.company_id = c.id and a.kind = 'sync' and a.outcome = 'failed' and a.finished_at >= ${query.since}) as failed,
      (select count(*) from services s join sync_attempts a on a.service_id = s.id
       where s.company_id = c.id and a.kind = 'sync' and a.outcome = 'succeeded' and a.finished_at >= ${query.since}) as succeeded,
      (select percentile_cont(0.95) within group (order by extract(epoch from a.finished_at - a.requested_at) * 1000)
       from services s join sync_attempts a on a.service_id = s.id
       where s.company_id = c.id and a.kind = 'sync' and a.outcome = 'succeeded' and a.finished_at >= ${query.since}
         and not exists (select 1 from bulk_sync_run_items i where i.attempt_id = a.id)) as p95_ms,
      (select count(*) from services s where s.company_id = c.id and s.drift_state = 'changed_in_calcom') as drift_changed,
      (select count(*) from services s where s.company_id = c.id and s.drift_state = 'missing_in_calcom') as drift_missing
    from companies c
    where ${scope}
    order by c.name, c.id`.execute(db(em));

  const failures = await sql<{
    service_id: string;
    service_name: string;
    company_id: string;
    company_name: string;
    attempt_id: string;
    finished_at: string;
    reason: SyncReason | null;
    error_message: string | null;
    sync_status: SyncStatus;
  }>`
    select * from (
      select distinct on (s.id) s.id as service_id, s.name as service_name, c.id as company_id, c.name as company_name,
        a.id as attempt_id, a.finished_at, a.reason, a.error_message, s.sync_status
      from services s
      join companies c on c.id = s.company_id
      join sync_attempts a on a.service_id = s.id
      where ${scope} and s.sync_status = ${ERROR} and a.kind = 'sync' and a.outcome = 'failed' and a.finished_at >= ${query.since}
      order by s.id, a.finished_at desc
    ) latest
    order by finished_at desc, service_id
    limit ${query.failureLimit}`.execute(db(em));

  return {
    companies: companies.rows.map((row) => {
      const failed = Number(row.failed);
      const succeeded = Number(row.succeeded);
      return {
        companyId: row.id,
        companyName: row.name,
        syncPausedAt: iso(row.sync_paused_at),
        queued: Number(row.queued),
        running: Number(row.running),
        failed,
        succeeded,
        successRate: failed + succeeded === 0 ? null : succeeded / (failed + succeeded),
        clickToSyncedP95Ms: row.p95_ms === null ? null : Math.round(Number(row.p95_ms)),
        driftChanged: Number(row.drift_changed),
        driftMissing: Number(row.drift_missing),
      };
    }),
    failures: failures.rows.map((row) => ({
      serviceId: row.service_id,
      serviceName: row.service_name,
      companyId: row.company_id,
      companyName: row.company_name,
      attemptId: row.attempt_id,
      failedAt: iso(row.finished_at) as string,
      reason: row.reason,
      errorMessage: row.error_message,
      syncStatus: row.sync_status,
    })),
  };
}

/** The services "Retry all failed" requests: in `error` after a sync that failed in the window, oldest failure first. */
export async function failedServiceIds(em: EntityManager, query: Omit<SyncOperationsQuery, "failureLimit"> & { limit: number }): Promise<string[]> {
  const scope = query.companyId === null ? sql`true` : sql`s.company_id = ${query.companyId}`;
  const rows = await sql<{ id: string }>`
    select s.id from services s
    where ${scope} and s.sync_status = ${ERROR}
      and exists (select 1 from sync_attempts a where a.service_id = s.id and a.kind = 'sync' and a.outcome = 'failed' and a.finished_at >= ${query.since})
    order by s.last_sync_attempt_at nulls first, s.id
    limit ${query.limit}`.execute(db(em));
  return rows.rows.map((row) => row.id);
}

/** MikroORM keeps timestamps as PostgreSQL's text; the page gets ISO times. */
function iso(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
