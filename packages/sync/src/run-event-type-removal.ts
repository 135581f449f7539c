import { CalcomError, createCalcomClient } from "@askpro/calcom";
import {
  type AttemptChange,
  type EventTypeRemoval,
  failServiceDeletion,
  loadDeletionTarget,
  removeDeletedService,
  SecretDecryptionError,
  type SyncAttemptLogEntry,
  type SyncIds,
  writeSyncRecords,
} from "@askpro/db";
import { describeSyncReason, gaveUp, type SyncReason } from "@askpro/domain";
import { RetryableJobError, type RemoveEventTypeJobPayload, type SyncJobRun } from "@askpro/jobs";
import { calcomFailureReason } from "./calcom-failure-reason";
import { resolveCalcomCredentials, type RunSyncDependencies } from "./run-sync";

/** `removed`: the service is gone; `failed`: it is back as delete_failed with the reason; `skipped`: nothing to do. */
export type RemovalRunOutcome = "removed" | "failed" | "skipped";

/**
 * One run of `calcom.remove-event-type`: as a linked service is deleted, hides (PATCH hidden: true) or
 * deletes its event type in Cal.com, as the admin chose, and then removes the service (transition
 * `finishDelete`; its history goes with it). An event type Cal.com no longer has (404) counts as done:
 * there is nothing left to hide or delete. A retryable failure (rate limit, 5xx, network, timeout) is
 * thrown as RetryableJobError; anything else, or the last retry, brings the service back as
 * `delete_failed` with the reason (transition `failDelete`), for the admin to try again or to keep the
 * event type. The call is logged on the history row before it is sent, like a sync's.
 */
export async function runEventTypeRemoval(deps: RunSyncDependencies, payload: RemoveEventTypeJobPayload, run: SyncJobRun): Promise<RemovalRunOutcome> {
  try {
    return await removeEventType(deps, payload, run);
  } catch (error) {
    if (error instanceof RetryableJobError) throw error;
    // Not Cal.com's doing (the database, a bug): retried like an outage, and after the last one recorded.
    const reason: SyncReason = { code: "worker_error", message: error instanceof Error ? error.message : String(error) };
    deps.logger.error({ err: error, outcome: run.isLastAttempt ? "failed" : "retrying" }, "event type removal failed inside the worker");
    if (!run.isLastAttempt) throw new RetryableJobError(describeSyncReason(reason), { cause: error });
    const final = gaveUp(reason, run.attempt);
    await failServiceDeletion(deps.em, payload, { finishedAt: new Date(), outcome: "failed", reason: final }, final).catch((writeError: unknown) =>
      deps.logger.error({ err: writeError }, "could not record the failed event type removal"),
    );
    throw new Error(describeSyncReason(final), { cause: error });
  }
}

async function removeEventType(deps: RunSyncDependencies, payload: RemoveEventTypeJobPayload, run: SyncJobRun): Promise<RemovalRunOutcome> {
  const { em, logger: log } = deps;
  const ids: SyncIds = { serviceId: payload.serviceId, attemptId: payload.attemptId };
  const target = await loadDeletionTarget(em, ids);
  if (target?.syncStatus !== "deleting") {
    // Removed by an earlier run whose job was not yet marked done, or the admin kept the event type meanwhile.
    log.info({ outcome: "skipped", sync_status: target?.syncStatus ?? null }, "event type removal skipped: the service is not being deleted");
    return "skipped";
  }
  const fail = async (reason: SyncReason, attempt: AttemptChange = {}): Promise<RemovalRunOutcome> => {
    const now = new Date();
    await failServiceDeletion(em, ids, { startedAt: now, finishedAt: now, outcome: "failed", attemptNumber: run.attempt, jobId: run.jobId, reason, ...attempt }, reason);
    log.warn({ event_type_id: target.eventTypeId, outcome: "failed", reason: describeSyncReason(reason), reason_code: reason.code }, "event type removal failed");
    return "failed";
  };
  const removal = target.removal;
  // The history row says what to do; without it the admin must choose again.
  if (removal === undefined) return fail({ code: "worker_error", message: "The deletion's history row is gone: delete the service again" });
  const eventTypeId = target.eventTypeId;
  if (eventTypeId === null) return finish(deps, ids, removal, null, "no event type linked");

  let credentials: ReturnType<typeof resolveCalcomCredentials>;
  try {
    credentials = resolveCalcomCredentials(target, deps.calcom);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    return fail({ code: "key_unreadable" });
  }
  if (!credentials) return fail({ code: "no_key" });

  const teamId = target.calcomTeamId;
  const startedAt = new Date();
  const call: SyncAttemptLogEntry = {
    attempt: run.attempt,
    method: removal === "hide" ? "PATCH" : "DELETE",
    path: teamId === null ? `/v2/event-types/${eventTypeId}` : `/v2/teams/${teamId}/event-types/${eventTypeId}`,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    durationMs: null,
    httpStatus: null,
    errorCode: null,
    errorMessage: null,
  };
  const body = removal === "hide" ? { hidden: true } : {};
  await writeSyncRecords(em, ids, { startedAt, finishedAt: null, outcome: null, attemptNumber: run.attempt, jobId: run.jobId, payload: body, logEntry: call });

  const client = createCalcomClient({
    apiKey: credentials.apiKey,
    baseUrl: credentials.baseUrl,
    timeoutMs: deps.calcom.timeoutMs,
    onRequest: deps.metrics?.calcomRequest,
    rateBudget: deps.calcom.rateBudget,
  });
  const scope = { teamId: teamId ?? undefined };
  let failure: CalcomError | undefined;
  let notApplied = false;
  try {
    if (removal === "hide") notApplied = (await client.updateEventType(eventTypeId, { hidden: true }, scope)).hidden !== true;
    else await client.deleteEventType(eventTypeId, scope);
  } catch (error) {
    if (!(error instanceof CalcomError)) throw error;
    failure = error;
  }
  const finishedAt = new Date();
  const answered = { ...call, finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime() };

  // Gone already: whoever removed it did what the admin asked for, or more.
  if (!failure || failure.kind === "not_found") {
    if (notApplied) {
      const reason: SyncReason = { code: "unapplied_fields", fields: [{ field: "hidden", sent: true, calcom: false }] };
      return fail(reason, { httpStatus: 200, lastLogEntry: { ...answered, httpStatus: 200, errorCode: "unapplied_fields", errorMessage: describeSyncReason(reason) } });
    }
    const status = failure ? 404 : 200;
    await writeSyncRecords(em, ids, { finishedAt, outcome: "succeeded", httpStatus: status, lastLogEntry: { ...answered, httpStatus: status } });
    return finish(deps, ids, removal, eventTypeId, failure ? "Cal.com no longer has it (404)" : null);
  }
  const reason = calcomFailureReason(failure, eventTypeId);
  const logged = { ...answered, httpStatus: failure.status ?? null, errorCode: failure.calcomCode ?? failure.kind, errorMessage: describeSyncReason(reason), reason };
  if (failure.retryable && !run.isLastAttempt) {
    await writeSyncRecords(em, ids, { outcome: "retrying", httpStatus: failure.status ?? null, calcomErrorCode: failure.calcomCode ?? failure.kind, reason, lastLogEntry: logged });
    log.info({ event_type_id: eventTypeId, outcome: "retrying", reason: describeSyncReason(reason), retry_after_ms: failure.retryAfterMs ?? null }, "event type removal failed, will retry");
    throw new RetryableJobError(describeSyncReason(reason), { retryAfterMs: failure.retryAfterMs });
  }
  const final = failure.retryable ? gaveUp(reason, run.attempt) : reason;
  return fail(final, { startedAt, finishedAt, httpStatus: failure.status ?? null, calcomErrorCode: failure.calcomCode ?? failure.kind, lastLogEntry: { ...logged, reason: final } });
}

async function finish(deps: RunSyncDependencies, ids: SyncIds, removal: EventTypeRemoval, eventTypeId: number | null, note: string | null): Promise<RemovalRunOutcome> {
  const removed = await removeDeletedService(deps.em, ids.serviceId);
  // The service and its history are gone: this line is what stays of it.
  deps.logger.info(
    { event: "service-deleted", event_type_id: eventTypeId, removal, outcome: removed ? "removed" : "skipped", note },
    removal === "hide" ? "event type hidden in Cal.com, service deleted" : "event type deleted in Cal.com, service deleted",
  );
  return removed ? "removed" : "skipped";
}
