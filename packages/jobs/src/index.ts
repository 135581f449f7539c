export type { Agenda, Job } from "agenda";
export type { StopJobsResult } from "./context";
export { createJobs, type JobsOptions } from "./create-jobs";
export {
  defineSyncJob,
  SYNC_CONCURRENCY,
  SYNC_LOCK_LIFETIME_MS,
  type SyncJobHandler,
  type SyncJobOptions,
  type SyncJobRun,
} from "./define-sync-job";
export { enqueueSync, enqueueSyncJob, hasLiveJob, type QueuedSyncJob } from "./enqueue-sync";
export { RECONCILE_JOB, SYNC_JOB } from "./names";
export {
  type RequestSyncLogger,
  type RequestSyncOptions,
  type RequestSyncResult,
  requestSync,
  SyncServiceNotFoundError,
} from "./request-sync";
export { RetryableJobError, type RetryPolicy, retryDelayMs, SYNC_RETRY_POLICY } from "./retry";
export { type JobsStore, jobsBackendDescription, jobsStoreFor } from "./store";
export { stopJobs, type StopJobsOptions } from "./stop-jobs";
export { type SyncJobPayload, syncJobPayloadSchema } from "./sync-payload";
