export type { Job } from "agenda";
export type { SpeedWorkaround } from "./agenda-workarounds";
export { createJobs, type Jobs, type JobsOptions } from "./create-jobs";
export {
  CREATE_EVENT_TYPE_JOB,
  type CreateEventTypeJobPayload,
  createEventTypeJob,
  createEventTypeJobPayloadSchema,
  defineCreateEventTypeJob,
  enqueueCreateEventTypeJob,
  hasLiveCreateJob,
} from "./definitions/create-event-type-job";
export { RECONCILE_JOB, reconcileJob } from "./definitions/reconcile-job";
export {
  defineBulkSyncJob,
  defineSyncJob,
  enqueueSync,
  enqueueSyncJob,
  hasLiveJob,
  type QueuedSyncJob,
  BULK_SYNC_CONCURRENCY,
  BULK_SYNC_JOB,
  bulkSyncJob,
  SYNC_CONCURRENCY,
  SYNC_JOB,
  SYNC_LOCK_LIFETIME_MS,
  type SyncJobHandler,
  type SyncJobOptions,
  type SyncJobPayload,
  type SyncJobRun,
  syncJob,
  syncJobPayloadSchema,
} from "./definitions/sync-job";
export type { JobDefinition, JobHandler, JobRun, QueuedJob } from "./job-definition";
export { putBack } from "./job-definition";
export { RetryableJobError, type RetryPolicy, retryDelayMs, SYNC_RETRY_POLICY } from "./retry";
export type { StopJobsOptions, StopJobsResult } from "./stop-jobs";
export { type JobsStore, jobsBackendDescription, jobsStoreFor } from "./store";
export {
  defineRemoveEventTypeJob,
  enqueueRemoveEventTypeJob,
  hasLiveRemoveEventTypeJob,
  REMOVE_EVENT_TYPE_CONCURRENCY,
  REMOVE_EVENT_TYPE_JOB,
  type RemoveEventTypeJobPayload,
  removeEventTypeJob,
  removeEventTypeJobPayloadSchema,
} from "./definitions/remove-event-type-job";
export {
  CHECK_DRIFT_JOB,
  type CheckDriftJobPayload,
  checkDriftJob,
  checkDriftJobPayloadSchema,
  enqueueDriftCheck,
  liveDriftCheck,
  SCHEDULE_DRIFT_CHECKS_JOB,
  scheduleDriftChecksJob,
} from "./definitions/check-drift-job";
