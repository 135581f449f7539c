import { claimReconcile, deleteSyncAttempt, findStalePendingServices, markCreateAttempt, type Orm, serviceCreateState, writeSyncRecords } from "@askpro/db";
import { describeSyncReason } from "@askpro/domain";
import { enqueueCreateEventTypeJob, enqueueSyncJob, hasLiveCreateJob, hasLiveJob } from "@askpro/jobs";
import type { Logger } from "pino";
import { type JobsSource, jobsOf } from "./request-sync";

export interface ReconcileDependencies {
  orm: Orm;
  /** Made by createJobs: re-enqueued syncs go through its one live job per service. */
  jobs: JobsSource;
  logger: Logger;
}

export interface ReconcileOptions {
  /** A pending service is only looked at once its last attempt and its last request are this old. */
  pendingAfterMs: number;
  /** Services looked at per run at most; the rest wait for the next run. */
  batchSize?: number;
}

export interface ReenqueuedSync {
  serviceId: string;
  attemptId: string;
  jobId: string;
}

const DEFAULT_BATCH_SIZE = 100;
export const LOST_JOB_REASON = describeSyncReason({ code: "job_lost" });
export const LOST_MID_CALL_REASON = describeSyncReason({ code: "job_lost_mid_call" });

/**
 * Finds services left `pending` without a live sync job (a worker crashed, the job store was
 * wiped, the api died between marking and enqueueing) and queues each again (transition
 * `reconcile`), with a new sync attempt asked for by the system. The queue keeps it to one job per
 * service, even against a click in the same instant.
 */
export async function reconcilePendingSyncs(deps: ReconcileDependencies, options: ReconcileOptions): Promise<ReenqueuedSync[]> {
  const em = deps.orm.em.fork();
  const jobs = await jobsOf(deps.jobs);
  const stale = await findStalePendingServices(em, { olderThanMs: options.pendingAfterMs, limit: options.batchSize ?? DEFAULT_BATCH_SIZE });
  const reenqueued: ReenqueuedSync[] = [];
  for (const serviceId of stale) {
    if ((await hasLiveJob(jobs, serviceId)) || (await hasLiveCreateJob(jobs, serviceId))) continue;
    // A pending service without an event type waits for a create ("Create in Cal.com"), not a sync.
    const creating = (await serviceCreateState(em, serviceId, null))?.linked === false;
    // Without a live job nothing will finish the unfinished attempts; the history should not show them as still running.
    const attemptId = await claimReconcile(em, { serviceId, at: new Date(), lostReason: { code: "job_lost" }, lostMidCallReason: { code: "job_lost_mid_call" } });
    if (attemptId === undefined) continue; // its sync ended meanwhile
    if (creating) await markCreateAttempt(em, attemptId);
    const { jobId, attemptId: owner } = await (creating ? enqueueCreateEventTypeJob : enqueueSyncJob)(jobs, { serviceId, attemptId });
    if (owner !== undefined && owner !== attemptId) {
      // A job was queued for the service in the meantime: it records on its own attempt row.
      await deleteSyncAttempt(em, attemptId);
      continue;
    }
    await writeSyncRecords(em, { serviceId, attemptId }, { jobId });
    deps.logger.info({ service_id: serviceId, attempt_id: attemptId, job_id: jobId }, "re-enqueued a pending sync that had no job");
    reenqueued.push({ serviceId, attemptId, jobId });
  }
  return reenqueued;
}
