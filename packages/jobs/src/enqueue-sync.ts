import type { Agenda, JobParameters } from "agenda";
import { withAdvisoryLock } from "./advisory-lock";
import { contextOf } from "./context";
import { liveOrNewSyncJob } from "./postgres-store";
import { SYNC_JOB } from "./names";
import { type SyncJobPayload, syncJobPayloadSchema } from "./sync-payload";

/** The service's live sync job, and the sync attempt it records on (another caller's when one was already live). */
export interface QueuedSyncJob {
  jobId: string;
  /** undefined only for a job whose data names no attempt (not made by enqueueSync). */
  attemptId: string | undefined;
}

/**
 * Queues a sync of one service and returns the job id. A service has at most one job that is not
 * finished: when one is already queued, scheduled (a retry) or running, its id is returned and
 * nothing is added. Callers in any process are serialised per service by a PostgreSQL advisory
 * lock on the application database, which every process shares whichever store holds the jobs.
 */
export async function enqueueSync(agenda: Agenda, payload: SyncJobPayload): Promise<string> {
  return (await enqueueSyncJob(agenda, payload)).jobId;
}

/** enqueueSync, also saying which attempt the live job works for, read in the same lookup. */
export async function enqueueSyncJob(agenda: Agenda, payload: SyncJobPayload): Promise<QueuedSyncJob> {
  const data = syncJobPayloadSchema.parse(payload);
  const { lockPool, store, channel } = contextOf(agenda);
  return withAdvisoryLock(lockPool, `${SYNC_JOB}:${data.serviceId}`, async (locked) => {
    if (store === "postgres") return liveOrNewSyncJob(locked, channel, data, agenda.attrs.name || undefined);
    // MongoDB: Agenda's lookup, save and wake-up, each a round trip of its own.
    const live = await liveSyncJob(agenda, data.serviceId);
    if (live) return live;
    const job = await agenda.create(SYNC_JOB, data).save();
    return { jobId: String(job.attrs._id), attemptId: data.attemptId };
  });
}

/** Whether a sync job for the service is queued, scheduled or running (the reconciler's question). */
export async function hasLiveJob(agenda: Agenda, serviceId: string): Promise<boolean> {
  return (await liveSyncJob(agenda, serviceId)) !== undefined;
}

async function liveSyncJob(agenda: Agenda, serviceId: string): Promise<QueuedSyncJob | undefined> {
  const { jobs } = await agenda.queryJobs({ name: SYNC_JOB, data: { serviceId }, includeDisabled: false });
  const live = jobs.find(isLive);
  if (!live) return undefined;
  const attemptId = (live.data as { attemptId?: unknown } | undefined)?.attemptId;
  return { jobId: String(live._id), attemptId: typeof attemptId === "string" ? attemptId : undefined };
}

/**
 * Not Agenda's computed state: it reports a job waiting for a retry as "failed". A one-time job
 * is unfinished while it has a next run time or a lock (a lock left by a crashed worker expires
 * and the job runs again).
 */
function isLive(job: JobParameters): boolean {
  return job.nextRunAt != null || job.lockedAt != null;
}
