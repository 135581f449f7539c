import { type Orm, SyncAttempt } from "@askpro/db";
import { type Agenda, enqueueSyncJob, hasLiveJob } from "@askpro/jobs";
import type { Logger } from "../logger";

export interface ReconcileDependencies {
  orm: Orm;
  /** Made by createJobs: re-enqueued syncs go through enqueueSync, one job per service. */
  agenda: Agenda;
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
export const LOST_JOB_REASON = "The sync's job was lost before it finished (worker crash or job store reset); the system queued it again";

/** Pending services whose last attempt and last request are both older than the threshold, oldest first. */
const STALE_PENDING_SERVICES = `
SELECT s.id
FROM services s
LEFT JOIN LATERAL (SELECT max(a.requested_at) AS at FROM sync_attempts a WHERE a.service_id = s.id) last_request ON true
WHERE s.sync_status = 'pending'
  AND GREATEST(COALESCE(s.last_sync_attempt_at, '-infinity'), COALESCE(last_request.at, '-infinity'))
      < now() - ? * interval '1 millisecond'
ORDER BY GREATEST(COALESCE(s.last_sync_attempt_at, '-infinity'), COALESCE(last_request.at, '-infinity'))
LIMIT ?`;

/**
 * Finds services left `pending` without a live sync job (a worker crashed, the job store was
 * wiped, the api died between marking and enqueueing) and queues each again, with a new sync
 * attempt asked for by the system. enqueueSync keeps it to one job per service, even against a
 * click in the same instant.
 */
export async function reconcilePendingSyncs(deps: ReconcileDependencies, options: ReconcileOptions): Promise<ReenqueuedSync[]> {
  const em = deps.orm.em.fork();
  const stale = await em.getConnection().execute<{ id: string }[]>(STALE_PENDING_SERVICES, [
    options.pendingAfterMs,
    options.batchSize ?? DEFAULT_BATCH_SIZE,
  ]);
  const reenqueued: ReenqueuedSync[] = [];
  for (const { id: serviceId } of stale) {
    if (await hasLiveJob(deps.agenda, serviceId)) continue;
    // Without a live job nothing will finish them; the history should not show them as still running.
    await em.nativeUpdate(
      SyncAttempt,
      { service: serviceId, $or: [{ outcome: null }, { outcome: "retrying" }] },
      { outcome: "failed", finishedAt: new Date(), errorMessage: LOST_JOB_REASON },
    );
    const attempt = em.create(SyncAttempt, { service: serviceId, requestedBy: null });
    await em.flush();
    const { jobId, attemptId: owner } = await enqueueSyncJob(deps.agenda, { serviceId, attemptId: attempt.id });
    if (owner !== undefined && owner !== attempt.id) {
      // A job was queued for the service in the meantime: it records on its own attempt row.
      await em.nativeDelete(SyncAttempt, { id: attempt.id });
      continue;
    }
    await em.nativeUpdate(SyncAttempt, { id: attempt.id }, { jobId });
    deps.logger.info({ service_id: serviceId, attempt_id: attempt.id, job_id: jobId }, "re-enqueued a pending sync that had no job");
    reenqueued.push({ serviceId, attemptId: attempt.id, jobId });
  }
  return reenqueued;
}
