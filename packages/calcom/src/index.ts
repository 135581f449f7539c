export {
  type CalcomClient,
  type CalcomClientOptions,
  type CalcomRequestObservation,
  calcomBudgetKeyId,
  createCalcomClient,
  DEFAULT_CALCOM_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  type EventTypeListFilter,
  type EventTypeScope,
} from "./client";
export { CALCOM_ERROR_KINDS, CalcomError, type CalcomErrorKind, isSlugTakenError } from "./errors";
export { describeCalcomFailure } from "./describe-failure";
export { DEFAULT_PACER_OPTIONS, type PacerOptions } from "./pacer";
export type { RateLimitInfo } from "./rate-limit-headers";
export { type BudgetLearning, type BudgetTake, type BudgetTakeOptions, type BudgetTicket, budgetKeyId, type RateBudgetStore } from "./rate-budget";
export {
  CALCOM_API_VERSION,
  type CalcomEventType,
  type CalcomMe,
  type CreateEventTypeInput,
  type CreateTeamEventTypeInput,
  type EventTypeOutput,
  type TeamEventTypeOutput,
  type UpdateEventTypeInput,
  type UpdateTeamEventTypeInput,
} from "./types";
