export { type CalcomCredentials, type CalcomSettings, resolveCalcomCredentials } from "./calcom-credentials";
export {
  LOST_JOB_REASON,
  LOST_MID_CALL_REASON,
  type ReconcileDependencies,
  type ReconcileOptions,
  type ReenqueuedSync,
  reconcilePendingSyncs,
} from "./reconcile-pending";
export {
  describeEnqueueFailure,
  type RequestSyncLogger,
  type RequestSyncOptions,
  type RequestSyncResult,
  requestSync,
  SyncServiceNotFoundError,
} from "./request-sync";
export {
  gaveUpAfter,
  NO_API_KEY_REASON,
  NO_EVENT_TYPE_REASON,
  type RunSyncDependencies,
  runSync,
  type SyncRunMetrics,
  type SyncRunOutcome,
} from "./run-sync";
export { type JobsHandle, type JobsSource, type SyncQueue, syncQueueOf } from "./sync-queue";
