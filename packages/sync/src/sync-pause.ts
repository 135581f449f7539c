import { type EntityManager, isSyncPausedForService, pendingServiceIdsOfCompany, setCompanySyncPaused } from "@askpro/db";
import { bulkSyncJob, createEventTypeJob, type JobRun, putBack, removeEventTypeJob, syncJob } from "@askpro/jobs";
import { type JobsSource, jobsOf, type RequestSyncLogger } from "./request-sync";

/**
 * "Pause syncing" / "Resume syncing" per company. Pausing stops the sending, not the asking: a request
 * still claims its service (it shows "Sync pending") and queues its one job, so the decision and the
 * one-job-per-service rule stay exactly as they are. The job looks at the flag when it runs and, while
 * its company is paused, puts itself back (still the service's one live job) without touching the
 * service or calling Cal.com. Resume clears the flag and brings the company's waiting jobs forward, so
 * the queue drains at once.
 *
 * Why at run time rather than by holding jobs out of the queue: the flag is read where the sending
 * happens, so a job queued a moment before the pause, a retry, or one re-run after a crash are all
 * held alike, with no second list of held jobs to keep in step with the store.
 */

/**
 * How long a held job waits before it looks again. Resume brings the jobs forward itself; this only
 * bounds the wait of a job that was between its look and putting itself back when Resume ran.
 */
export const PAUSED_RECHECK_MS = 30_000;

export interface SyncPauseOptions {
  em: EntityManager;
  companyId: string;
  /** Who pressed it, for the log; null when the system asks. */
  userId: string | null;
  logger: RequestSyncLogger;
}

/** Since when the company is paused (the first pause's time when pressed again); undefined: no such company. */
export async function pauseSyncing(options: SyncPauseOptions): Promise<Date | undefined> {
  const pausedAt = await setCompanySyncPaused(options.em, options.companyId, true);
  if (pausedAt === undefined) return undefined;
  options.logger.info({ event: "sync-paused", company_id: options.companyId, user_id: options.userId }, "company syncing paused");
  return pausedAt ?? undefined;
}

/** Clears the pause and wakes the company's waiting sync, create and removal jobs; undefined: no such company. */
export async function resumeSyncing(options: SyncPauseOptions & { jobs: JobsSource }): Promise<{ woken: number } | undefined> {
  const cleared = await setCompanySyncPaused(options.em, options.companyId, false);
  if (cleared === undefined) return undefined;
  const pending = await pendingServiceIdsOfCompany(options.em, options.companyId);
  let woken = 0;
  if (pending.length > 0) {
    const jobs = await jobsOf(options.jobs);
    // A service has one live job of one of these kinds; each kind is woken on its own.
    for (const definition of [syncJob(), bulkSyncJob(), createEventTypeJob(), removeEventTypeJob()]) woken += await jobs.bringForward(definition, pending);
  }
  options.logger.info({ event: "sync-resumed", company_id: options.companyId, user_id: options.userId, pending: pending.length, woken }, "company syncing resumed");
  return { woken };
}

/**
 * The worker's look before a create or removal job sends anything: while the service's company is
 * paused the job is held (holdPausedJob) and true is returned, and the handler ends without a run.
 * A sync job reads the flag with its target instead (runSync), in the same statement.
 */
export async function holdWhilePaused(em: EntityManager, serviceId: string, run: JobRun, recheckMs = PAUSED_RECHECK_MS): Promise<boolean> {
  if (!(await isSyncPausedForService(em, serviceId))) return false;
  holdPausedJob(run, recheckMs);
  return true;
}

/**
 * Holds the job of a paused company: put back for PAUSED_RECHECK_MS (or until Resume brings it
 * forward), still the service's one live job; no status write, no attempt spent, no request to Cal.com.
 */
export function holdPausedJob(run: JobRun, recheckMs = PAUSED_RECHECK_MS): void {
  putBack(run, new Date(Date.now() + recheckMs));
}
