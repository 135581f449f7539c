import { enqueueSyncJob, hasLiveJob, type SyncJobPayload } from "@askpro/jobs";

/**
 * What the sync's use cases need of the job queue, and the one place they reach @askpro/jobs for
 * it: the queue keeps at most one live job per service, whatever the store.
 */
export interface SyncQueue {
  /** Queues the attempt's job, or hands back the service's live job and the attempt it records on. */
  enqueue(payload: SyncJobPayload): Promise<{ jobId: string; attemptId: string | undefined }>;
  /** Whether a sync job of the service is queued, waiting for a retry, or running. */
  hasLiveJob(serviceId: string): Promise<boolean>;
}

/** The job queue as createJobs returns it. */
export type JobsHandle = Parameters<typeof enqueueSyncJob>[0];
/** The queue, or a function returning it (the api connects to the job store on demand). */
export type JobsSource = JobsHandle | (() => Promise<JobsHandle>);

export function syncQueueOf(source: JobsSource): SyncQueue {
  const jobs = () => (typeof source === "function" ? source() : Promise.resolve(source));
  return {
    enqueue: async (payload) => enqueueSyncJob(await jobs(), payload),
    hasLiveJob: async (serviceId) => hasLiveJob(await jobs(), serviceId),
  };
}
