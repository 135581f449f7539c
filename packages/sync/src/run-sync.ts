import { CalcomError, type CalcomRequestObservation, createCalcomClient } from "@askpro/calcom";
import {
  type CompanyCalcomKey,
  type EntityManager,
  type LoggedValue,
  loadSyncTarget,
  resolveCalcomApiKey,
  SecretDecryptionError,
  type ServiceChange,
  type SyncAttemptLogEntry,
  type SentServiceFields,
  type SyncAttemptOutcome,
  type SyncIds,
  writeSyncRecords,
} from "@askpro/db";
import {
  describeSyncReason,
  gaveUp,
  mapServiceToEventTypeUpdate,
  type SyncReason,
  shortMessage,
  type UnappliedField,
  unappliedFields,
  unappliedFieldsReason,
} from "@askpro/domain";
import { RetryableJobError, type SyncJobPayload, type SyncJobRun } from "@askpro/jobs";
import type { RateBudgetStore } from "@askpro/calcom";
import type { Logger } from "pino";
import type { AutoSyncFollowUp } from "./auto-sync-follow-up";
import { calcomFailureReason } from "./calcom-failure-reason";
import { holdPausedJob } from "./sync-pause";

/** How the worker is configured to reach Cal.com (CALCOM_API_URL, CALCOM_API_KEY, APP_SECRET). */
export interface CalcomSettings {
  apiUrl: string;
  /** The global key, for companies without their own; unset: their syncs fail with a reason saying so. */
  apiKey: string | undefined;
  /** Decrypts companies' own keys (APP_SECRET, as the environment resolved it). */
  appSecret: string;
  /** Per request; the Cal.com client's default when unset. */
  timeoutMs?: number | undefined;
  /** The key's budget shared with every process (packages/db's calcomRateBudgetStore); unset: this process's alone. */
  rateBudget?: RateBudgetStore | undefined;
}

export interface CalcomCredentials {
  apiKey: string;
  baseUrl: string;
}

/**
 * The key and origin that reach a company's event types: the company's own key when it has one, else
 * the global CALCOM_API_KEY; undefined when there is neither. A company key that cannot be decrypted
 * (another APP_SECRET) throws SecretDecryptionError, whose message names no secret: the sync fails with it.
 */
export function resolveCalcomCredentials(company: CompanyCalcomKey, settings: CalcomSettings): CalcomCredentials | undefined {
  const key = resolveCalcomApiKey(company, { appSecret: settings.appSecret, fallbackKey: settings.apiKey });
  return key.apiKey === undefined ? undefined : { apiKey: key.apiKey, baseUrl: settings.apiUrl };
}

export const NO_EVENT_TYPE_REASON = describeSyncReason({ code: "no_event_type" });
export const NO_API_KEY_REASON = describeSyncReason({ code: "no_key" });

/** How a run ended; a retry is thrown as RetryableJobError instead. `skipped`: the service was deleted or no longer pending. */
export type SyncRunOutcome = "succeeded" | "failed" | "skipped";

/** A sync job's run, or `held`: its company's syncing is paused, and the job waits (not a run). */
export type SyncJobResult = SyncRunOutcome | "held";

/** What a run reports; absent in tests that do not look at metrics. */
export interface SyncRunMetrics {
  /** Seconds from the moment the job was due until its run started. */
  syncJobPickedUp(delaySeconds: number): void;
  calcomRequest(request: CalcomRequestObservation): void;
}

export interface RunSyncDependencies {
  em: EntityManager;
  /** Bound to the run's service, attempt and job. */
  logger: Logger;
  calcom: CalcomSettings;
  metrics?: SyncRunMetrics | undefined;
  /**
   * A bulk run's sync: it takes at most BULK_BUDGET_SHARE of each window of the key's budget, and its
   * wait in the bulk queue is not a pickup delay (the metric and its alert are about clicks).
   */
  bulk?: boolean | undefined;
  /** Told of a job whose company has auto-sync on, which may need a follow-up once it finished. */
  autoSyncFollowUp?: Pick<AutoSyncFollowUp, "expect"> | undefined;
  /** How long a paused company's job waits before it looks again (PAUSED_RECHECK_MS; tests shorten it). */
  pausedRecheckMs?: number | undefined;
}

/**
 * A bulk run's syncs take at most this share of each window of the key's budget: the rest is there for
 * a click of the same company, which would otherwise wait for the next window (a minute on Cal.com).
 */
export const BULK_BUDGET_SHARE = 0.9;

/** Cal.com answers a successful PATCH with 200; the client hands back only the body of a 2xx. */
const PATCH_SUCCESS_STATUS = 200;

/**
 * One run of a sync job: pushes the service to its Cal.com event type and records the outcome on the
 * service (transitions `start`, then `succeed` or `fail`) and on its attempt row. A retryable failure
 * is thrown as RetryableJobError (the job's retry policy decides when); anything else ends the sync
 * with `error` and a readable reason; so does a 2xx whose answer (the event type as it now is) does not
 * hold every field sent (read-back). A failure of our own (the database, a bug) is retried the same
 * way, and recorded as the reason after the last attempt.
 */
export async function runSync(deps: RunSyncDependencies, payload: SyncJobPayload, run: SyncJobRun): Promise<SyncJobResult> {
  const startedAt = Date.now();
  try {
    return await pushService(deps, payload, run, startedAt);
  } catch (error) {
    if (error instanceof RetryableJobError) throw error;
    throw await unexpectedFailure(deps, payload, run, error);
  }
}

async function pushService(deps: RunSyncDependencies, payload: SyncJobPayload, run: SyncJobRun, runStartedAt: number): Promise<SyncJobResult> {
  const { em, logger: log } = deps;
  const ids: SyncIds = { serviceId: payload.serviceId, attemptId: payload.attemptId };
  const target = await loadSyncTarget(em, ids);
  if (!target) {
    log.info({ outcome: "skipped" }, "sync skipped: the service was deleted");
    return "skipped";
  }
  if (target.companySyncPaused) {
    // "Pause syncing": the job stays the service's one live job and waits; nothing is sent or recorded.
    holdPausedJob(run, deps.pausedRecheckMs);
    log.info({ outcome: "held" }, "sync held: the company's syncing is paused");
    return "held";
  }
  const { service, attempt } = target;
  if (target.companyAutoSync) deps.autoSyncFollowUp?.expect(run.jobId);
  if (service.syncStatus !== "pending") {
    // A run after a crash that happened once the outcome was written: nothing is left to do.
    log.info({ outcome: "skipped", sync_status: service.syncStatus }, "sync skipped: the service is not waiting for a sync");
    return "skipped";
  }
  // Even when the attempt row already has an outcome: a request made while this job waited to be
  // re-run joined it (see requestSync), so the job syncs what the service is now.
  // Agenda clears a job's nextRunAt before its handler runs, so the due time of a first run is taken
  // from its request (the job is created right after it); a retry's backoff time is not kept anywhere.
  // A job held while its company was paused has finished a run before (holdPausedJob): its wait was
  // the pause, not the queue, and would read as a pickup delay.
  const held = run.job.attrs?.lastFinishedAt != null;
  if (attempt && run.attempt === 1 && !held && !deps.bulk) deps.metrics?.syncJobPickedUp((runStartedAt - attempt.requestedAtMs) / 1000);

  const failBeforeCalling = async (reason: SyncReason, eventTypeId: number | null): Promise<SyncRunOutcome> => {
    const now = new Date();
    await writeSyncRecords(
      em,
      ids,
      { startedAt: now, finishedAt: now, outcome: "failed", attemptNumber: run.attempt, jobId: run.jobId, reason },
      { transition: "fail", reason },
    );
    log.warn({ event_type_id: eventTypeId, outcome: "failed", duration_ms: 0, reason: describeSyncReason(reason), reason_code: reason.code }, "sync failed before calling Cal.com");
    return "failed";
  };
  const eventTypeId = service.calcomEventTypeId;
  if (eventTypeId === null) return failBeforeCalling({ code: "no_event_type" }, null);
  let credentials: ReturnType<typeof resolveCalcomCredentials>;
  try {
    credentials = resolveCalcomCredentials(target, deps.calcom);
  } catch (error) {
    // Waiting does not make a key readable again: only storing it anew does, so no retry.
    if (!(error instanceof SecretDecryptionError)) throw error;
    return failBeforeCalling({ code: "key_unreadable" }, eventTypeId);
  }
  if (!credentials) return failBeforeCalling({ code: "no_key" }, eventTypeId);

  const body = mapServiceToEventTypeUpdate(service);
  const teamId = target.calcomTeamId;
  const startedAt = new Date();
  // Logged before it is sent: a worker that dies during the call leaves a call without an answer
  // (outcome unknown) on the attempt, rather than no trace of it.
  const call: SyncAttemptLogEntry = {
    attempt: run.attempt,
    method: "PATCH",
    path: teamId === null ? `/v2/event-types/${eventTypeId}` : `/v2/teams/${teamId}/event-types/${eventTypeId}`,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    durationMs: null,
    httpStatus: null,
    errorCode: null,
    errorMessage: null,
  };
  const started = await writeSyncRecords(
    em,
    ids,
    { startedAt, finishedAt: null, outcome: null, attemptNumber: run.attempt, jobId: run.jobId, payload: { ...body }, logEntry: call },
    { transition: "start", at: startedAt },
  );
  if (!started) {
    // No longer pending since the read above: a bulk run's "Cancel remaining" took the request back
    // (the only write that ends a pending sync without its job). Nothing is sent; the row says so again.
    await writeSyncRecords(em, ids, { finishedAt: new Date(), outcome: "cancelled", lastLogEntry: { ...call, finishedAt: new Date().toISOString(), durationMs: 0, errorMessage: "cancelled before it was sent" } });
    log.info({ outcome: "skipped" }, "sync skipped: cancelled before it was sent");
    return "skipped";
  }

  const client = createCalcomClient({
    apiKey: credentials.apiKey,
    baseUrl: credentials.baseUrl,
    timeoutMs: deps.calcom.timeoutMs,
    onRequest: deps.metrics?.calcomRequest,
    rateBudget: deps.calcom.rateBudget,
    budgetShare: deps.bulk ? BULK_BUDGET_SHARE : undefined,
  });
  let failure: CalcomError | undefined;
  let unapplied: UnappliedField[] = [];
  try {
    const answer = await client.updateEventType(eventTypeId, body, { teamId: teamId ?? undefined });
    unapplied = unappliedFields(body, answer);
  } catch (error) {
    if (!(error instanceof CalcomError)) throw error;
    failure = error;
  }
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  const verdict = unapplied.length > 0 ? notApplied(unapplied) : judgeCall(failure, eventTypeId, run, finishedAt, service);
  const reasonText = verdict.reason && describeSyncReason(verdict.reason);
  const answered: SyncAttemptLogEntry = {
    ...call,
    finishedAt: finishedAt.toISOString(),
    durationMs,
    httpStatus: verdict.httpStatus,
    errorCode: verdict.errorCode,
    errorMessage: reasonText,
    ...(verdict.reason && { reason: verdict.reason }),
    ...(unapplied.length > 0 && { unappliedFields: unapplied.map(({ field, sent, actual }) => ({ field, sent: logged(sent), actual: logged(actual) })) }),
  };
  await writeSyncRecords(
    em,
    ids,
    {
      finishedAt,
      outcome: verdict.outcome,
      httpStatus: verdict.httpStatus,
      calcomErrorCode: verdict.errorCode,
      reason: verdict.reason,
      lastLogEntry: answered,
    },
    verdict.service,
  );

  const fields = {
    event_type_id: eventTypeId,
    outcome: verdict.outcome,
    duration_ms: durationMs,
    http_status: verdict.httpStatus,
    error_code: verdict.errorCode,
    reason: reasonText,
    reason_code: verdict.reason?.code ?? null,
    ...(unapplied.length > 0 && { unapplied_fields: unapplied.map(({ field }) => field) }),
  };
  if (verdict.outcome === "succeeded") {
    log.info(fields, "synced with Cal.com");
    return "succeeded";
  }
  if (verdict.outcome === "failed") {
    log.warn(fields, "sync failed");
    return "failed";
  }
  log.info({ ...fields, retry_after_ms: failure?.retryAfterMs ?? null }, "sync attempt failed, will retry");
  throw new RetryableJobError(reasonText ?? "Cal.com sync failed", { retryAfterMs: failure?.retryAfterMs });
}

interface Verdict {
  outcome: SyncAttemptOutcome;
  httpStatus: number | null;
  errorCode: string | null;
  /** null on success. */
  reason: SyncReason | null;
  /** undefined while a retry follows: the service stays `pending`. */
  service: ServiceChange | undefined;
}

/** Cal.com's answer is parsed JSON, so its values are JSON values; arrays are kept as they are. */
const logged = (value: unknown) => (value ?? null) as LoggedValue;

/** The attempt's error code when Cal.com answered 2xx but kept other values than those sent. */
export const UNAPPLIED_FIELDS_ERROR_CODE = "unapplied_fields";

/**
 * Cal.com answered 2xx and kept its own values for some fields: not synced. No retry, since sending the
 * same body again is answered the same way.
 */
function notApplied(unapplied: UnappliedField[]): Verdict {
  const reason = unappliedFieldsReason(unapplied);
  return {
    outcome: "failed",
    httpStatus: PATCH_SUCCESS_STATUS,
    errorCode: UNAPPLIED_FIELDS_ERROR_CODE,
    reason,
    service: { transition: "fail", reason },
  };
}

function judgeCall(failure: CalcomError | undefined, eventTypeId: number, run: SyncJobRun, finishedAt: Date, sent: SentServiceFields): Verdict {
  if (!failure) {
    // Cal.com holds what was sent (read-back found nothing missing): "Changed since last sync" counts from it.
    return { outcome: "succeeded", httpStatus: PATCH_SUCCESS_STATUS, errorCode: null, reason: null, service: { transition: "succeed", at: finishedAt, sent } };
  }
  const reason = calcomFailureReason(failure, eventTypeId);
  const answer = { httpStatus: failure.status ?? null, errorCode: failure.calcomCode ?? failure.kind };
  if (failure.retryable && !run.isLastAttempt) return { ...answer, outcome: "retrying", reason, service: undefined };
  const finalReason = failure.retryable ? gaveUp(reason, run.attempt) : reason;
  return { ...answer, outcome: "failed", reason: finalReason, service: { transition: "fail", reason: finalReason } };
}

/**
 * Not Cal.com's doing (the database, a bug): tried again like a Cal.com outage, since a database
 * hiccup passes; after the last attempt the service gets the reason, if the database lets us write it.
 */
async function unexpectedFailure(deps: RunSyncDependencies, payload: SyncJobPayload, run: SyncJobRun, error: unknown): Promise<Error> {
  const reason: SyncReason = { code: "worker_error", message: shortMessage(error instanceof Error ? error.message : String(error)) ?? "unknown error" };
  deps.logger.error({ err: error, outcome: run.isLastAttempt ? "failed" : "retrying" }, "sync attempt failed inside the worker");
  if (!run.isLastAttempt) return new RetryableJobError(describeSyncReason(reason), { cause: error });
  const finalReason = gaveUp(reason, run.attempt);
  await writeSyncRecords(deps.em, payload, { finishedAt: new Date(), outcome: "failed", reason: finalReason }, { transition: "fail", reason: finalReason }).catch(
    (writeError: unknown) => deps.logger.error({ err: writeError }, "could not record the failed sync"),
  );
  return new Error(describeSyncReason(finalReason), { cause: error });
}
