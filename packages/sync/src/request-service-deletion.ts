import { claimServiceDeletion, type EntityManager, type EventTypeRemoval, failServiceDeletion } from "@askpro/db";
import { describeSyncReason, type SyncReason } from "@askpro/domain";
import { enqueueRemoveEventTypeJob } from "@askpro/jobs";
import { describeEnqueueFailure, type JobsSource, jobsOf, type RequestSyncLogger } from "./request-sync";

export type RequestDeletionResult =
  | { outcome: "queued"; attemptId: string; jobId: string }
  /** Not linked, a sync pending, already being deleted, or missing: the caller tells which. */
  | { outcome: "not_claimed" }
  | { outcome: "enqueue_failed"; reason: string };

export interface RequestDeletionOptions {
  em: EntityManager;
  jobs: JobsSource;
  serviceId: string;
  /** The requester's company; null: any company (a platform operator). */
  companyId: string | null;
  requestedById: string | null;
  removal: EventTypeRemoval;
  logger: RequestSyncLogger;
}

/**
 * Starts deleting a linked service whose event type is to be hidden or deleted in Cal.com (transition
 * `requestDelete`): one statement marks it `deleting` (out of the list) with its history row, then the
 * job `calcom.remove-event-type` is queued. When the job cannot be queued the service comes back as
 * `delete_failed` with the reason rather than waiting for nothing.
 */
export async function requestServiceDeletion(options: RequestDeletionOptions): Promise<RequestDeletionResult> {
  const { em, serviceId, companyId, requestedById, removal, logger } = options;
  const attemptId = await claimServiceDeletion(em, { serviceId, companyId, requestedById, removal, at: new Date() });
  if (attemptId === undefined) return { outcome: "not_claimed" };
  const fields = { service_id: serviceId, attempt_id: attemptId, requested_by: requestedById, removal };
  try {
    const queued = await enqueueRemoveEventTypeJob(await jobsOf(options.jobs), { serviceId, attemptId });
    logger.info({ ...fields, job_id: queued.jobId, outcome: "queued" }, "event type removal queued");
    return { outcome: "queued", attemptId: queued.attemptId, jobId: queued.jobId };
  } catch (error) {
    const failure: SyncReason = { code: "queue_failed", message: describeEnqueueFailure(error) };
    await failServiceDeletion(em, { serviceId, attemptId }, { outcome: "failed", finishedAt: new Date(), reason: failure }, failure);
    const reason = describeSyncReason(failure);
    logger.error({ ...fields, outcome: "enqueue_failed", reason }, "event type removal could not be queued");
    return { outcome: "enqueue_failed", reason };
  }
}
