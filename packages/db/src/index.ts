export {
  type CalcomBudgetLearning,
  type CalcomBudgetTake,
  type CalcomBudgetTakeOptions,
  type CalcomRateBudgetStore,
  calcomRateBudgetStore,
  learnCalcomBudget,
  takeCalcomBudget,
} from "./calcom-budget/calcom-rate-budget-repository";
export { type CalcomBudgetUsage, companiesWithCalcomKeys, currentCalcomBudgets } from "./calcom-budget/calcom-budget-usage";
export {
  type BulkCandidateRow,
  type BulkRunItem,
  type BulkRunState,
  insertBulkRun,
  insertBulkRunItems,
  listBulkCandidates,
  readBulkRun,
  readCalcomKeyRate,
} from "./bulk/bulk-sync-runs";
export { dataDir, recordDatabaseUrl, resolveDatabaseUrl } from "./database-url";
export { type EmbeddedPostgres, type StartEmbeddedPostgresOptions, startEmbeddedPostgres } from "./embedded";
export * from "./entities";
export { migrations } from "./migrations";
export { createOrm, type EntityManager, type Orm, ormConfig } from "./orm";
export { hashPassword, type Scrypt, verifyPassword } from "./password";
export {
  DEMO_COMPANIES,
  DEMO_EVENT_TYPES,
  DEMO_PASSWORD,
  type DemoCompany,
  type DemoEventType,
  type DemoService,
} from "./seed/demo-data";
export { DemoSeeder, type DemoSeederContext } from "./seed/demo-seeder";
export { type FilterQuery, OptimisticLockError, UniqueConstraintViolationException } from "@mikro-orm/core";
export {
  EDITED_SERVICE_FIELDS,
  type EditedServiceField,
  type EditedServiceFields,
  editService,
  listServiceEdits,
  recordEventTypeLink,
  recordServiceCreated,
  recordServiceImported,
  type ServiceEditEntry,
  serviceFieldChanges,
} from "./services/service-edits";
export { calcomEventTypeUrl, isoTimestamp, type ServiceDto, type ServiceFields } from "./services/service-dto";
export {
  countServices,
  escapeLikePattern,
  findServiceDto,
  listMatchingServiceIds,
  listServices,
  type ServiceCount,
  type ServiceListQuery,
  type ServicePage,
} from "./services/service-repository";
export {
  deletePassedThrottleWindows,
  deleteThrottle,
  giveBackThrottleAttempt,
  type ThrottleKey,
  type ThrottleLimits,
  takeThrottleAttempts,
} from "./sign-in/sign-in-throttle-repository";
export { findSessionWithUser, type SessionWithUser } from "./sessions/session-repository";
export {
  isAnyWorkerAlive,
  listWorkerBeatAges,
  recordWorkerBeat,
  removeWorkerBeat,
  type WorkerBeat,
  type WorkerBeatAge,
} from "./workers/worker-heartbeat-repository";
export { decryptSecret, encryptSecret, SecretDecryptionError } from "./secrets";
export {
  type CalcomKeySource,
  type CompanyCalcomKey,
  lastFourOf,
  type ResolveCalcomApiKeyOptions,
  type ResolvedCalcomApiKey,
  resolveCalcomApiKey,
  resolveCompanyCalcomApiKey,
} from "./secrets-calcom-key";
export {
  type AttemptChange,
  type ClaimSyncRequest,
  claimCreateRequest,
  claimReconcile,
  cancelBulkRunRequests,
  claimSyncRequest,
  type CreatedLink,
  deleteSyncAttempt,
  findStalePendingServices,
  type ImportedService,
  hasUnansweredCreateCall,
  insertImportedService,
  type LinkChange,
  linkCreatedEventType,
  linkServiceEventType,
  loadSyncTarget,
  markCreateAttempt,
  recordConfirmedFields,
  type ServiceChange,
  type SyncIds,
  type SyncTarget,
  serviceCreateState,
  serviceLinkState,
  unlinkServiceEventType,
  writeSyncRecords,
} from "./sync/sync-records";
export { type SentServiceFields, sentFieldsDigest } from "./services/sent-digest";
export { type AutoSyncState, loadAutoSyncState } from "./services/auto-sync-state";
export {
  claimServiceDeletion,
  type DeletionRequest,
  type DeletionTarget,
  type EventTypeRemoval,
  failServiceDeletion,
  loadDeletionTarget,
  recordValuesTaken,
  removeDeletedService,
  type ValuesTaken,
} from "./sync/sync-records";
export { findStaleDeletions } from "./sync/sync-records";
export {
  companiesWithLinkedServices,
  countServicesByDrift,
  type DriftCandidate,
  type DriftCompany,
  type DriftMark,
  lastDriftCheckAt,
  loadDriftCompany,
  writeDriftMarks,
} from "./drift/drift-records";
export { isSyncPausedForService, pendingServiceIdsOfCompany, setCompanySyncPaused } from "./operations/sync-pause";
export {
  type CompanySyncOverview,
  type FailedSync,
  failedServiceIds,
  type SyncOperationsOverview,
  type SyncOperationsQuery,
  syncOperationsOverview,
} from "./operations/sync-operations";
