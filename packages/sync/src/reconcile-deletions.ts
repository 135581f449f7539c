import { findStaleDeletions, type SyncIds } from "@askpro/db";
import { enqueueRemoveEventTypeJob, hasLiveRemoveEventTypeJob } from "@askpro/jobs";
import type { ReconcileDependencies, ReconcileOptions } from "./reconcile-pending";
import { jobsOf } from "./request-sync";

const DEFAULT_BATCH_SIZE = 100;

/**
 * Finds services left `deleting` without a live removal job (the api died between marking and
 * enqueueing, the job store was wiped) and queues the job again on the deletion's history row, so a
 * deletion is never stuck: it ends with the service gone, or back as "Deletion failed" with a reason.
 * The queue keeps it to one job per service.
 */
export async function reconcileLostDeletions(deps: ReconcileDependencies, options: ReconcileOptions): Promise<SyncIds[]> {
  const em = deps.orm.em.fork();
  const jobs = await jobsOf(deps.jobs);
  const stale = await findStaleDeletions(em, { olderThanMs: options.pendingAfterMs, limit: options.batchSize ?? DEFAULT_BATCH_SIZE });
  const reenqueued: SyncIds[] = [];
  for (const ids of stale) {
    if (await hasLiveRemoveEventTypeJob(jobs, ids.serviceId)) continue;
    const { jobId } = await enqueueRemoveEventTypeJob(jobs, ids);
    deps.logger.info({ service_id: ids.serviceId, attempt_id: ids.attemptId, job_id: jobId }, "re-enqueued a deletion that had no job");
    reenqueued.push(ids);
  }
  return reenqueued;
}
