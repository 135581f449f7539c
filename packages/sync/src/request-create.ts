import { claimCreateRequest, deleteSyncAttempt, serviceCreateState, writeSyncRecords } from "@askpro/db";
import { describeSyncReason, type SyncReason } from "@askpro/domain";
import { enqueueCreateEventTypeJob, type Jobs } from "@askpro/jobs";
import { describeEnqueueFailure, jobsOf, type RequestSyncOptions, SyncServiceNotFoundError } from "./request-sync";

/** What became of a request to create one service's event type in Cal.com. */
export type RequestCreateResult =
  | { outcome: "queued"; attemptId: string; jobId: string }
  /** The service has an event type already: link and create are for services without one. */
  | { outcome: "already_linked" }
  /** A sync, create or deletion of the service is under way. */
  | { outcome: "already_pending" }
  | { outcome: "enqueue_failed"; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Create in Cal.com" (transition `requestCreate`): one conditional UPDATE marks a service without an
 * event type pending and creates its history row, so of simultaneous requests exactly one queues the
 * job `calcom.create-event-type`; the others learn why not. When the job cannot be queued the service
 * ends in `error` with the reason, as a sync's does.
 *
 * Throws SyncServiceNotFoundError for a missing (or another company's) service.
 */
export async function requestCreate(options: RequestSyncOptions): Promise<RequestCreateResult> {
  const { em, serviceId, companyId, requestedById, logger } = options;
  if (!UUID.test(serviceId)) throw new SyncServiceNotFoundError(serviceId);

  const attemptId = await claimCreateRequest(em, { serviceId, companyId, requestedById, at: new Date() });
  if (attemptId === undefined) {
    const state = await serviceCreateState(em, serviceId, companyId);
    if (state === undefined) throw new SyncServiceNotFoundError(serviceId);
    return { outcome: state.linked ? "already_linked" : "already_pending" };
  }

  const fields = { service_id: serviceId, attempt_id: attemptId, requested_by: requestedById };
  let queued: { jobId: string; attemptId: string };
  try {
    queued = await enqueueOwnCreateJob(await jobsOf(options.jobs), serviceId, attemptId);
  } catch (error) {
    const failure: SyncReason = { code: "queue_failed", message: describeEnqueueFailure(error) };
    const reason = describeSyncReason(failure);
    await writeSyncRecords(em, { serviceId, attemptId }, { outcome: "failed", finishedAt: new Date(), reason: failure }, { transition: "fail", reason: failure });
    logger.error({ ...fields, outcome: "enqueue_failed", reason }, "create in Cal.com could not be queued");
    return { outcome: "enqueue_failed", reason };
  }
  if (queued.attemptId !== attemptId) await deleteSyncAttempt(em, attemptId);
  logger.info({ ...fields, job_id: queued.jobId, joined_attempt_id: queued.attemptId === attemptId ? undefined : queued.attemptId, outcome: "queued" }, "create in Cal.com queued");
  return { outcome: "queued", ...queued };
}

/** As requestSync's: a finished job of an earlier attempt may linger a moment before it is removed. */
const FOREIGN_JOB_WAIT_MS = 2_000;
const FOREIGN_JOB_POLL_MS = 50;

/**
 * Queues the attempt's job. A live create job of an earlier attempt that is about to go is waited for;
 * one that stays (a job re-run after its worker died) will create what the service is now, so the
 * request joins it and its history row.
 */
async function enqueueOwnCreateJob(jobs: Jobs, serviceId: string, attemptId: string): Promise<{ jobId: string; attemptId: string }> {
  const deadline = Date.now() + FOREIGN_JOB_WAIT_MS;
  for (;;) {
    const queued = await enqueueCreateEventTypeJob(jobs, { serviceId, attemptId });
    if (queued.attemptId === attemptId || Date.now() >= deadline) return queued;
    await new Promise((resolve) => setTimeout(resolve, FOREIGN_JOB_POLL_MS));
  }
}
