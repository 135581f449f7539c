import { CalcomError, createCalcomClient, describeCalcomFailure } from "@askpro/calcom";
import { type Orm, SecretDecryptionError, type SyncAttemptLogEntry, type SyncAttemptOutcome } from "@askpro/db";
import { mapServiceToEventTypeUpdate } from "@askpro/domain";
import { RetryableJobError, type SyncJobHandler, type SyncJobPayload, type SyncJobRun } from "@askpro/jobs";
import type { Logger } from "../logger";
import type { SyncJobMetrics, SyncJobOutcome } from "../metrics/worker-metrics";
import { type CalcomSettings, resolveCalcomCredentials } from "./calcom-credentials";
import { keepJobLocked } from "./keep-job-locked";
import { gaveUpAfter, NO_API_KEY_REASON, NO_EVENT_TYPE_REASON } from "./sync-failure-reason";
import { loadSyncTarget, type ServiceChange, type SyncDatabase, syncDatabaseOf, writeSyncRecords } from "./sync-records";

export interface UpdateEventTypeDependencies {
  orm: Orm;
  logger: Logger;
  calcom: CalcomSettings;
  /** The job's lock lifetime: the lock is renewed at half of it while a sync runs. */
  lockLifetimeMs: number;
  metrics?: SyncJobMetrics | undefined;
}

/** Cal.com answers a successful PATCH with 200; the client hands back only the body of a 2xx. */
const PATCH_SUCCESS_STATUS = 200;

/**
 * The worker's `calcom.update-event-type` handler: pushes one service to its Cal.com event type and
 * records the outcome on the service and its sync-attempt row. A retryable Cal.com failure is
 * thrown as RetryableJobError (the job's retry policy decides when), anything else ends the sync
 * with `error` and a readable reason.
 */
export function createUpdateEventTypeHandler(deps: UpdateEventTypeDependencies): SyncJobHandler {
  let database: Promise<SyncDatabase> | undefined;
  const db = () => {
    database ??= syncDatabaseOf(deps.orm);
    return database;
  };
  return async (payload, run) => {
    const handlerStartedAt = Date.now();
    const log = deps.logger.child({ service_id: payload.serviceId, attempt_id: payload.attemptId, job_id: run.jobId, attempt: run.attempt });
    const stopRenewing = keepJobLocked(run.job, deps.lockLifetimeMs / 2, (error) =>
      log.warn({ err: error }, "could not renew the sync job's lock"),
    );
    let outcome: SyncJobOutcome = "failed";
    try {
      outcome = await syncService(deps, await db(), payload, run, log, handlerStartedAt);
    } catch (error) {
      const failure = error instanceof RetryableJobError ? error : await unexpectedFailure(db, payload, run, log, error);
      if (failure instanceof RetryableJobError) outcome = "retrying";
      throw failure;
    } finally {
      await stopRenewing();
      deps.metrics?.syncJobFinished(outcome, (Date.now() - handlerStartedAt) / 1000);
    }
  };
}

/** Ends in `succeeded`, `failed` or `skipped`; a retry is thrown as RetryableJobError. */
async function syncService(
  deps: UpdateEventTypeDependencies,
  db: SyncDatabase,
  payload: SyncJobPayload,
  run: SyncJobRun,
  log: Logger,
  handlerStartedAt: number,
): Promise<SyncJobOutcome> {
  const ids = { serviceId: payload.serviceId, attemptId: payload.attemptId };
  const target = await loadSyncTarget(db, ids);
  if (!target) {
    log.info({ outcome: "skipped" }, "sync skipped: the service was deleted");
    return "skipped";
  }
  const { service, attempt } = target;
  if (service.syncStatus !== "pending") {
    // A run after a crash that happened once the outcome was written: nothing is left to do.
    log.info({ outcome: "skipped", sync_status: service.syncStatus }, "sync skipped: the service is not waiting for a sync");
    return "skipped";
  }
  // Even when the attempt row already has an outcome: a request made while this job waited to be
  // re-run joined it (see requestSync), so the job syncs what the service is now.
  // Agenda clears a job's nextRunAt before its handler runs, so the due time of a first run is taken
  // from its request (the job is created right after it); a retry's backoff time is not kept anywhere.
  if (attempt && run.attempt === 1) deps.metrics?.syncJobPickedUp((handlerStartedAt - attempt.requestedAtMs) / 1000);

  const failBeforeCalling = async (reason: string, eventTypeId: number | null): Promise<SyncJobOutcome> => {
    const now = new Date();
    await writeSyncRecords(
      db,
      ids,
      { startedAt: now, finishedAt: now, outcome: "failed", attemptNumber: run.attempt, jobId: run.jobId, errorMessage: reason },
      { kind: "failed", reason },
    );
    log.warn({ event_type_id: eventTypeId, outcome: "failed", duration_ms: 0, reason }, "sync failed before calling Cal.com");
    return "failed";
  };
  const eventTypeId = service.calcomEventTypeId;
  if (eventTypeId === null) return failBeforeCalling(NO_EVENT_TYPE_REASON, null);
  let credentials: ReturnType<typeof resolveCalcomCredentials>;
  try {
    credentials = resolveCalcomCredentials(target, deps.calcom);
  } catch (error) {
    // Waiting does not make a key readable again: only storing it anew does, so no retry.
    if (!(error instanceof SecretDecryptionError)) throw error;
    return failBeforeCalling(`The company's Cal.com API key must be set again: ${error.message}`, eventTypeId);
  }
  if (!credentials) return failBeforeCalling(NO_API_KEY_REASON, eventTypeId);

  const body = mapServiceToEventTypeUpdate(service);
  const startedAt = new Date();
  await writeSyncRecords(
    db,
    ids,
    { startedAt, finishedAt: null, outcome: null, attemptNumber: run.attempt, jobId: run.jobId, payload: { ...body } },
    { kind: "attempt-started", at: startedAt },
  );

  const client = createCalcomClient({
    apiKey: credentials.apiKey,
    baseUrl: credentials.baseUrl,
    timeoutMs: deps.calcom.timeoutMs,
    onRequest: deps.metrics?.calcomRequest,
  });
  let failure: CalcomError | undefined;
  try {
    await client.updateEventType(eventTypeId, body, { teamId: target.calcomTeamId ?? undefined });
  } catch (error) {
    if (!(error instanceof CalcomError)) throw error;
    failure = error;
  }
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  const verdict = judgeCall(failure, eventTypeId, run, finishedAt);
  const entry: SyncAttemptLogEntry = {
    attempt: run.attempt,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs,
    httpStatus: verdict.httpStatus,
    errorCode: verdict.errorCode,
    errorMessage: verdict.reason,
  };
  await writeSyncRecords(
    db,
    ids,
    {
      finishedAt,
      outcome: verdict.outcome,
      httpStatus: verdict.httpStatus,
      calcomErrorCode: verdict.errorCode,
      errorMessage: verdict.reason,
      logEntry: entry,
    },
    verdict.service,
  );

  const fields = {
    event_type_id: eventTypeId,
    outcome: verdict.outcome,
    duration_ms: durationMs,
    http_status: verdict.httpStatus,
    error_code: verdict.errorCode,
    reason: verdict.reason,
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
  throw new RetryableJobError(verdict.reason ?? "Cal.com sync failed", { retryAfterMs: failure?.retryAfterMs });
}

interface Verdict {
  outcome: SyncAttemptOutcome;
  httpStatus: number | null;
  errorCode: string | null;
  /** Readable; null on success. */
  reason: string | null;
  /** undefined while a retry follows: the service stays `pending`. */
  service: ServiceChange | undefined;
}

function judgeCall(failure: CalcomError | undefined, eventTypeId: number, run: SyncJobRun, finishedAt: Date): Verdict {
  if (!failure) {
    return { outcome: "succeeded", httpStatus: PATCH_SUCCESS_STATUS, errorCode: null, reason: null, service: { kind: "synced", at: finishedAt } };
  }
  const reason = describeCalcomFailure(failure, eventTypeId);
  const answer = { httpStatus: failure.status ?? null, errorCode: failure.calcomCode ?? failure.kind };
  if (failure.retryable && !run.isLastAttempt) return { ...answer, outcome: "retrying", reason, service: undefined };
  const finalReason = failure.retryable ? gaveUpAfter(reason, run.attempt) : reason;
  return { ...answer, outcome: "failed", reason: finalReason, service: { kind: "failed", reason: finalReason } };
}

/**
 * Not Cal.com's doing (the database, a bug): tried again like a Cal.com outage, since a database
 * hiccup passes; after the last attempt the service gets the reason, if the database lets us write it.
 */
async function unexpectedFailure(
  db: () => Promise<SyncDatabase>,
  payload: SyncJobPayload,
  run: SyncJobRun,
  log: Logger,
  error: unknown,
): Promise<Error> {
  const reason = `The worker could not complete the sync: ${error instanceof Error ? error.message : String(error)}`;
  log.error({ err: error, outcome: run.isLastAttempt ? "failed" : "retrying" }, "sync attempt failed inside the worker");
  if (!run.isLastAttempt) return new RetryableJobError(reason, { cause: error });
  const finalReason = gaveUpAfter(reason, run.attempt);
  await db()
    .then((database) => writeSyncRecords(database, payload, { finishedAt: new Date(), outcome: "failed", errorMessage: finalReason }, { kind: "failed", reason: finalReason }))
    .catch((writeError: unknown) => log.error({ err: writeError }, "could not record the failed sync"));
  return new Error(finalReason, { cause: error });
}
