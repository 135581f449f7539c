import { type BulkSkipReason, bulkSyncDecision, type SyncStatus } from "@askpro/domain";
import {
  type BulkRunItem,
  cancelBulkRunRequests,
  type EntityManager,
  insertBulkRun,
  insertBulkRunItems,
  listBulkCandidates,
  listMatchingServiceIds,
  readBulkRun,
} from "@askpro/db";
import pMap from "p-map";
import { type JobsSource, jobsOf, type RequestSyncLogger, type RequestSyncResult, requestSync, SyncServiceNotFoundError } from "./request-sync";

/** Sync requests a bulk run makes at once: each is a claim and an enqueue, so the database's pool sets the pace. */
const REQUEST_CONCURRENCY = 8;

/** A services list filter, as service.list takes it. */
export interface BulkFilter {
  search?: string | undefined;
  status?: SyncStatus | undefined;
  changed?: boolean | undefined;
}

/**
 * The services named, those matching a list filter across pages ("Select all that match"), or every
 * service of the company ("Sync all changed": only those not in step go).
 */
export type BulkSelection = { ids: readonly string[] } | { filter: BulkFilter } | { changedOnly: true };

export type BulkSkipCounts = Record<BulkSkipReason, number>;

export interface BulkSyncPlan {
  /** The services that would be sent, by name. */
  send: Array<{ id: string; name: string; previousStatus: SyncStatus }>;
  skipped: BulkSkipCounts;
}

function noSkips(): BulkSkipCounts {
  return { not_linked: 0, already_pending: 0, in_step: 0, being_deleted: 0 };
}

/**
 * What a bulk sync of the selection would send and what it would skip, and why. Throws
 * SyncServiceNotFoundError when a named service is missing or another company's.
 */
export async function planBulkSync(em: EntityManager, companyId: string, selection: BulkSelection): Promise<BulkSyncPlan> {
  const ids = "ids" in selection ? [...new Set(selection.ids)] : null;
  const matching = "filter" in selection ? await listMatchingServiceIds(em, { ...selection.filter, companyId }) : null;
  const candidates = await listBulkCandidates(em, companyId, ids ?? matching);
  if (ids !== null && candidates.length !== ids.length) {
    const found = new Set(candidates.map((candidate) => candidate.id));
    throw new SyncServiceNotFoundError(ids.find((id) => !found.has(id)) ?? "");
  }
  const plan: BulkSyncPlan = { send: [], skipped: noSkips() };
  for (const candidate of candidates) {
    const decision = bulkSyncDecision(candidate);
    if (decision === "send") plan.send.push({ id: candidate.id, name: candidate.name, previousStatus: candidate.syncStatus });
    else plan.skipped[decision] += 1;
  }
  return plan;
}

export interface StartBulkSyncOptions {
  em: EntityManager;
  jobs: JobsSource;
  companyId: string;
  requestedById: string | null;
  selection: BulkSelection;
  logger: RequestSyncLogger;
}

export interface StartedBulkSync {
  /** null when nothing was sent (every service skipped): no run is recorded. */
  runId: string | null;
  /** Services asked to sync (each through requestSync: one live job per service). */
  requested: number;
  skipped: BulkSkipCounts;
}

/**
 * Plans the selection again on the server (what the dialog showed may be stale) and requests each sync
 * through the normal decision, so a service is never given a second job; one that became pending
 * meanwhile counts as already pending. Each service records its own attempt (its history row); the run
 * keeps which attempts are its, for its progress and "Cancel remaining". The jobs go to the bulk queue
 * (BULK_SYNC_JOB), so clicks made meanwhile are not held up by the run.
 */
export async function startBulkSync(options: StartBulkSyncOptions): Promise<StartedBulkSync> {
  const { em, companyId, requestedById, logger } = options;
  const plan = await planBulkSync(em, companyId, options.selection);
  const skipped = { ...plan.skipped };
  const items: Array<Omit<BulkRunItem, "runId">> = [];
  // A few at a time: one after another, a thousand services kept the admin's "Sync now" waiting for seconds.
  const results = await pMap(plan.send, (service) => requestSync({ em, jobs: options.jobs, serviceId: service.id, companyId, requestedById, logger, bulk: true }), {
    concurrency: REQUEST_CONCURRENCY,
  });
  for (const [index, service] of plan.send.entries()) {
    const result = results[index] as RequestSyncResult;
    const item = { serviceId: service.id, previousStatus: service.previousStatus };
    if (result.outcome === "queued") items.push({ ...item, attemptId: result.attemptId, jobId: result.jobId, queueError: null });
    else if (result.outcome === "enqueue_failed") items.push({ ...item, attemptId: null, jobId: null, queueError: result.reason });
    else if (result.outcome === "already_pending") skipped.already_pending += 1;
    else skipped.not_linked += 1;
  }
  const skippedTotal = Object.values(skipped).reduce((sum, count) => sum + count, 0);
  // Nothing sent: no run to follow (the company's latest run stays the one with progress to show).
  if (items.length === 0) return { runId: null, requested: 0, skipped };
  const runId = await em.transactional(async (tx) => {
    const id = await insertBulkRun(tx, { companyId, requestedById, skipped: skippedTotal, at: new Date() });
    await insertBulkRunItems(tx, items.map((item) => ({ ...item, runId: id })));
    return id;
  });
  logger.info({ bulk_run_id: runId, company_id: companyId, requested: items.length, skipped: skippedTotal }, "bulk sync requested");
  return { runId, requested: items.length, skipped };
}

export class BulkRunNotFoundError extends Error {
  constructor(readonly runId: string) {
    super(`Bulk sync run ${runId} not found`);
    this.name = "BulkRunNotFoundError";
  }
}

/**
 * "Cancel remaining": the run's requests whose job has not started are taken back (their services
 * return to the status they had, each with a "cancelled" history row) and their jobs removed from the
 * queue. Syncs already running finish. companyId null: a platform operator, any company's run.
 */
export async function cancelBulkSync(options: { em: EntityManager; jobs: JobsSource; runId: string; companyId: string | null; logger: RequestSyncLogger }): Promise<{ cancelled: number }> {
  const { em, runId, logger } = options;
  const run = await readBulkRun(em, { runId, companyId: options.companyId });
  if (!run) throw new BulkRunNotFoundError(runId);
  const cancelled = await cancelBulkRunRequests(em, runId, new Date());
  if (cancelled.length > 0) {
    const jobs = await jobsOf(options.jobs);
    for (const { jobId } of cancelled) {
      if (jobId === null) continue;
      // A job that is not removed (the store is down) finds its service no longer pending and skips.
      await jobs.cancel(jobId).catch((error: unknown) => logger.error({ bulk_run_id: runId, job_id: jobId, err: String(error) }, "cancelled job could not be removed"));
    }
  }
  logger.info({ bulk_run_id: runId, cancelled: cancelled.length }, "bulk sync cancelled");
  return { cancelled: cancelled.length };
}
