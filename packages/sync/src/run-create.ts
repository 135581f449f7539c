import { CalcomError, type CalcomEventType, createCalcomClient, type EventTypeScope, isSlugTakenError } from "@askpro/calcom";
import {
  hasUnansweredCreateCall,
  linkCreatedEventType,
  loadSyncTarget,
  SecretDecryptionError,
  Service,
  type SyncAttemptLogEntry,
  type SyncIds,
  writeSyncRecords,
} from "@askpro/db";
import {
  describeSyncReason,
  effectiveAssignment,
  gaveUp,
  mapServiceToEventTypeCreate,
  mapServiceToEventTypeUpdate,
  type SyncReason,
  shortMessage,
  unappliedFields,
  unappliedFieldsReason,
} from "@askpro/domain";
import { type CreateEventTypeJobPayload, RetryableJobError, type SyncJobRun } from "@askpro/jobs";
import { calcomFailureReason } from "./calcom-failure-reason";
import { resolveCalcomCredentials, type RunSyncDependencies, type SyncRunOutcome } from "./run-sync";

/** Cal.com answers a successful create with 201, a list with 200. */
const CREATED_STATUS = 201;
const LISTED_STATUS = 200;

/**
 * One run of a create job ("Create in Cal.com"): creates the service's event type in Cal.com (its
 * team's path, with the company's or the service's assignment, when the company has a team; else the
 * key's user's) and links it, synced (transitions `start`, then `linkCreated`, `linkCreatedNotApplied`
 * or `fail`). The history row logs every call, each before it is sent.
 *
 * Idempotent: a POST whose answer never came (the worker died, the connection broke) may have created
 * the event type. Only after such a POST does a run look the slug up first (one list call with
 * eventSlug), and takes what it finds as its own when no service links it and it holds what the
 * service would create; anything else holding the slug is someone else's: the create fails with
 * `slug_taken`, naming it, so the admin can link it instead. Without such a POST a run creates at once,
 * and Cal.com's "slug taken" answer is looked up the same way to name the holder.
 */
export async function runCreate(deps: RunSyncDependencies, payload: CreateEventTypeJobPayload, run: SyncJobRun): Promise<SyncRunOutcome> {
  try {
    return await createEventType(deps, payload, run);
  } catch (error) {
    if (error instanceof RetryableJobError) throw error;
    throw await unexpectedFailure(deps, payload, run, error);
  }
}

async function createEventType(deps: RunSyncDependencies, payload: CreateEventTypeJobPayload, run: SyncJobRun): Promise<SyncRunOutcome> {
  const { em, logger: log } = deps;
  const ids: SyncIds = { serviceId: payload.serviceId, attemptId: payload.attemptId };
  const target = await loadSyncTarget(em, ids);
  if (!target) {
    log.info({ outcome: "skipped" }, "create skipped: the service was deleted");
    return "skipped";
  }
  if (target.companyAutoSync) deps.autoSyncFollowUp?.expect(run.jobId);
  const { service } = target;
  if (service.syncStatus !== "pending" || service.calcomEventTypeId !== null) {
    // A run after a crash that happened once the outcome was written.
    log.info({ outcome: "skipped", sync_status: service.syncStatus, event_type_id: service.calcomEventTypeId }, "create skipped: the service is not waiting for it");
    return "skipped";
  }

  const fail = async (reason: SyncReason, answer: { httpStatus: number | null; errorCode: string | null } = { httpStatus: null, errorCode: null }) => {
    const now = new Date();
    await writeSyncRecords(
      em,
      ids,
      { startedAt: now, finishedAt: now, outcome: "failed", attemptNumber: run.attempt, jobId: run.jobId, calcomErrorCode: answer.errorCode, httpStatus: answer.httpStatus, reason },
      { transition: "fail", reason },
    );
    log.warn({ outcome: "failed", reason: describeSyncReason(reason), reason_code: reason.code }, "create in Cal.com failed");
    return "failed" as const;
  };

  let credentials: ReturnType<typeof resolveCalcomCredentials>;
  try {
    credentials = resolveCalcomCredentials(target, deps.calcom);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    return fail({ code: "key_unreadable" });
  }
  if (!credentials) return fail({ code: "no_key" });

  const teamId = target.calcomTeamId;
  const scope: EventTypeScope = teamId === null ? {} : { teamId };
  const body =
    teamId === null
      ? mapServiceToEventTypeCreate(service)
      : mapServiceToEventTypeCreate(service, { assignment: effectiveAssignment(service, { calcomAssignment: target.companyAssignment }) });
  // What a created event type must hold: the sync's fields (the team's scheduling settings are not read back).
  const fields = mapServiceToEventTypeUpdate(service);
  const client = createCalcomClient({
    apiKey: credentials.apiKey,
    baseUrl: credentials.baseUrl,
    timeoutMs: deps.calcom.timeoutMs,
    onRequest: deps.metrics?.calcomRequest,
    rateBudget: deps.calcom.rateBudget,
  });
  const basePath = teamId === null ? "/v2/event-types" : `/v2/teams/${teamId}/event-types`;
  let started = false;

  /** Logs the call before it is sent (the first one also applies `start`), then its answer. */
  async function logged<T>(
    method: "GET" | "POST",
    path: string,
    send: () => Promise<T>,
  ): Promise<{ value: T; entry: SyncAttemptLogEntry } | { failure: CalcomError; entry: SyncAttemptLogEntry }> {
    const startedAt = new Date();
    const entry: SyncAttemptLogEntry = {
      attempt: run.attempt,
      method,
      path,
      startedAt: startedAt.toISOString(),
      finishedAt: null,
      durationMs: null,
      httpStatus: null,
      errorCode: null,
      errorMessage: null,
    };
    await writeSyncRecords(
      em,
      ids,
      { startedAt, finishedAt: null, outcome: null, attemptNumber: run.attempt, jobId: run.jobId, payload: { ...body }, logEntry: entry },
      started ? undefined : { transition: "start", at: startedAt },
    );
    started = true;
    const answered = (httpStatus: number | null, failure?: CalcomError): SyncAttemptLogEntry => {
      const finishedAt = new Date();
      const reason = failure && calcomFailureReason(failure, null);
      return {
        ...entry,
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        httpStatus,
        errorCode: failure ? (failure.calcomCode ?? failure.kind) : null,
        errorMessage: reason ? describeSyncReason(reason) : null,
        ...(reason && { reason }),
      };
    };
    try {
      const value = await send();
      const entryWithAnswer = answered(method === "POST" ? CREATED_STATUS : LISTED_STATUS);
      // A created event type's answer is recorded by the statement that links it (link below), so that no
      // worker can die between the two: a POST logged with its 201 was linked.
      if (method === "GET") await writeSyncRecords(em, ids, { lastLogEntry: entryWithAnswer });
      return { value, entry: entryWithAnswer };
    } catch (error) {
      if (!(error instanceof CalcomError)) throw error;
      const entryWithAnswer = answered(error.status ?? null, error);
      await writeSyncRecords(em, ids, { lastLogEntry: entryWithAnswer });
      return { failure: error, entry: entryWithAnswer };
    }
  }

  /** A failed call: tried again later when Cal.com may answer then, else the create fails with the reason. */
  async function failedCall(failure: CalcomError): Promise<SyncRunOutcome> {
    const reason = calcomFailureReason(failure, null);
    const answer = { httpStatus: failure.status ?? null, errorCode: failure.calcomCode ?? failure.kind };
    if (failure.retryable && !run.isLastAttempt) {
      await writeSyncRecords(em, ids, { outcome: "retrying", ...answer, reason });
      log.info({ outcome: "retrying", reason: describeSyncReason(reason), retry_after_ms: failure.retryAfterMs ?? null }, "create in Cal.com failed, will retry");
      throw new RetryableJobError(describeSyncReason(reason), { retryAfterMs: failure.retryAfterMs });
    }
    return fail(failure.retryable ? gaveUp(reason, run.attempt) : reason, answer);
  }

  /** The event type holding the service's slug in the company's scope, if any. */
  async function holderOfSlug(): Promise<{ eventType: CalcomEventType | undefined } | { failure: CalcomError }> {
    const listed = await logged("GET", `${basePath}?eventSlug=${encodeURIComponent(service.slug)}`, () => client.listEventTypes(scope, { eventSlug: service.slug }));
    if ("failure" in listed) return listed;
    return { eventType: listed.value.find((eventType) => eventType.slug === service.slug) };
  }

  const slugTaken = (eventType: CalcomEventType | undefined): SyncReason => ({
    code: "slug_taken",
    slug: service.slug,
    eventTypeId: eventType?.id ?? null,
    title: eventType?.title ?? null,
  });

  /** Links the event type (made by this create) and records whether it holds what the service says. */
  async function link(eventType: CalcomEventType, how: "created" | "found", createAnswer?: SyncAttemptLogEntry): Promise<SyncRunOutcome> {
    const unapplied = unappliedFields(fields, eventType);
    const at = new Date();
    const reason = unapplied.length > 0 ? unappliedFieldsReason(unapplied) : null;
    const linked = await linkCreatedEventType(
      em,
      ids,
      reason === null
        ? { transition: "linkCreated", eventTypeId: eventType.id, at, sent: service }
        : { transition: "linkCreatedNotApplied", eventTypeId: eventType.id, at, reason },
      {
        finishedAt: at,
        outcome: reason === null ? "succeeded" : "failed",
        reason,
        httpStatus: how === "created" ? CREATED_STATUS : LISTED_STATUS,
        ...(createAnswer && { lastLogEntry: createAnswer }),
      },
    );
    const logFields = { event_type_id: eventType.id, how, reason_code: reason?.code ?? null };
    if (!linked) {
      log.warn({ ...logFields, outcome: "skipped" }, "created event type not linked: the service left pending or got an event type meanwhile");
      return "skipped";
    }
    log.info({ ...logFields, outcome: reason === null ? "succeeded" : "failed" }, how === "created" ? "created in Cal.com" : "found the event type an earlier run created, and linked it");
    return reason === null ? "succeeded" : "failed";
  }

  if (await hasUnansweredCreateCall(em, ids.serviceId)) {
    const found = await holderOfSlug();
    if ("failure" in found) return failedCall(found.failure);
    if (found.eventType) {
      const holder = found.eventType;
      const linkedElsewhere = (await em.fork().count(Service, { calcomEventTypeId: holder.id })) > 0;
      if (!linkedElsewhere && unappliedFields(fields, holder).length === 0) return link(holder, "found");
      return fail(slugTaken(holder));
    }
  }

  const created = await logged("POST", basePath, () => client.createEventType(body, scope));
  if ("value" in created) return link(created.value, "created", created.entry);
  if (!isSlugTakenError(created.failure)) return failedCall(created.failure);
  // Someone else's event type holds the slug: name it, so the admin can link it instead.
  const holder = await holderOfSlug();
  return fail(slugTaken("failure" in holder ? undefined : holder.eventType), { httpStatus: created.failure.status ?? null, errorCode: created.failure.calcomCode ?? created.failure.kind });
}

/** Not Cal.com's doing (the database, a bug): tried again as a sync is; after the last attempt the service gets the reason. */
async function unexpectedFailure(deps: RunSyncDependencies, payload: CreateEventTypeJobPayload, run: SyncJobRun, error: unknown): Promise<Error> {
  const reason: SyncReason = { code: "worker_error", message: shortMessage(error instanceof Error ? error.message : String(error)) ?? "unknown error" };
  deps.logger.error({ err: error, outcome: run.isLastAttempt ? "failed" : "retrying" }, "create in Cal.com failed inside the worker");
  if (!run.isLastAttempt) return new RetryableJobError(describeSyncReason(reason), { cause: error });
  const finalReason = gaveUp(reason, run.attempt);
  await writeSyncRecords(deps.em, payload, { finishedAt: new Date(), outcome: "failed", reason: finalReason }, { transition: "fail", reason: finalReason }).catch(
    (writeError: unknown) => deps.logger.error({ err: writeError }, "could not record the failed create"),
  );
  return new Error(describeSyncReason(finalReason), { cause: error });
}
