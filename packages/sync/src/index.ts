export { calcomFailureReason } from "./calcom-failure-reason";
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
  type JobsSource,
  jobsOf,
  type RequestSyncLogger,
  type RequestSyncOptions,
  type RequestSyncResult,
  requestSync,
  SyncServiceNotFoundError,
} from "./request-sync";
export {
  BULK_BUDGET_SHARE,
  type CalcomCredentials,
  type CalcomSettings,
  NO_API_KEY_REASON,
  NO_EVENT_TYPE_REASON,
  resolveCalcomCredentials,
  type RunSyncDependencies,
  runSync,
  type SyncRunMetrics,
  type SyncJobResult,
  type SyncRunOutcome,
  UNAPPLIED_FIELDS_ERROR_CODE,
} from "./run-sync";
export { type RequestCreateResult, requestCreate } from "./request-create";
export { runCreate } from "./run-create";
export { type RemovalRunOutcome, runEventTypeRemoval } from "./run-event-type-removal";
export { type RequestDeletionOptions, type RequestDeletionResult, requestServiceDeletion } from "./request-service-deletion";
export { reconcileLostDeletions } from "./reconcile-deletions";
export { type AutoSyncFollowUp, registerAutoSyncFollowUp } from "./auto-sync-follow-up";
export { AUTO_SYNC_DELAY_MS, type AutoSyncOptions, type AutoSyncResult, requestAutoSyncAfterSave, requestAutoSyncFollowUp } from "./request-auto-sync";
export { type CheckDriftDependencies, checkDrift, DEFAULT_DRIFT_BUDGET_SHARE, type DriftCheckResult } from "./check-drift";
export { holdWhilePaused, PAUSED_RECHECK_MS, pauseSyncing, resumeSyncing, type SyncPauseOptions } from "./sync-pause";
export { type RetryFailedSyncsOptions, type RetryFailedSyncsResult, retryFailedSyncs } from "./retry-failed-syncs";
export {
  type BulkFilter,
  type BulkSelection,
  type BulkSkipCounts,
  type BulkSyncPlan,
  BulkRunNotFoundError,
  cancelBulkSync,
  planBulkSync,
  type StartedBulkSync,
  startBulkSync,
} from "./bulk-sync";
