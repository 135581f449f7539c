export { BulkSyncRun, BulkSyncRunItem, BulkSyncRunItemSchema, BulkSyncRunSchema } from "./bulk-sync-run";
export { CalcomRateBudget, CalcomRateBudgetSchema } from "./calcom-rate-budget";
export { Company, CompanySchema } from "./company";
export { SERVICE_SEARCH_SEPARATOR, SERVICE_SEARCH_TEXT_COLUMN, Service, ServiceSchema } from "./service";
export { type EditedValue, SERVICE_EDIT_KINDS, ServiceEdit, type ServiceEditKind, ServiceEditSchema, type ServiceFieldChange } from "./service-edit";
export { Session, SessionSchema } from "./session";
export { SIGN_IN_THROTTLE_SCOPES, SignInThrottle, SignInThrottleSchema, type SignInThrottleScope } from "./sign-in-throttle";
export {
  type LoggedValue,
  SYNC_ATTEMPT_KINDS,
  SYNC_ATTEMPT_OUTCOMES,
  SyncAttempt,
  type SyncAttemptKind,
  type SyncAttemptLogEntry,
  SyncAttemptSchema,
  type SyncAttemptOutcome,
} from "./sync-attempt";
export { USER_ROLES, User, UserSchema, type UserRole } from "./user";
export { WorkerHeartbeat, WorkerHeartbeatSchema } from "./worker-heartbeat";

import { BulkSyncRunItemSchema, BulkSyncRunSchema } from "./bulk-sync-run";
import { CalcomRateBudgetSchema } from "./calcom-rate-budget";
import { CompanySchema } from "./company";
import { ServiceSchema } from "./service";
import { ServiceEditSchema } from "./service-edit";
import { SessionSchema } from "./session";
import { SignInThrottleSchema } from "./sign-in-throttle";
import { SyncAttemptSchema } from "./sync-attempt";
import { UserSchema } from "./user";
import { WorkerHeartbeatSchema } from "./worker-heartbeat";

export const entities = [CompanySchema, UserSchema, ServiceSchema, SyncAttemptSchema, SessionSchema, WorkerHeartbeatSchema, SignInThrottleSchema, ServiceEditSchema, CalcomRateBudgetSchema, BulkSyncRunSchema, BulkSyncRunItemSchema];
