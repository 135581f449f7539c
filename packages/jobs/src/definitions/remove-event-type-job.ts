import type { Jobs } from "../create-jobs";
import type { JobDefinition } from "../job-definition";
import {
  defineServiceJob,
  enqueueServiceJob,
  type SyncJobHandler,
  type SyncJobOptions,
  type SyncJobPayload,
  serviceJob,
  syncJobPayloadSchema,
} from "./sync-job";

export const REMOVE_EVENT_TYPE_JOB = "calcom.remove-event-type";

/** Which service is being deleted, and its history row (kind hide or delete: what to do in Cal.com). */
export const removeEventTypeJobPayloadSchema = syncJobPayloadSchema;
export type RemoveEventTypeJobPayload = SyncJobPayload;

/** Deletions are rare and made by hand: a couple at once per worker is plenty. */
export const REMOVE_EVENT_TYPE_CONCURRENCY = 2;

/**
 * `calcom.remove-event-type`: as a linked service is deleted, hides (PATCH hidden: true) or deletes its
 * event type in Cal.com, then removes the service. Retried like a sync; one live job per service. It
 * never runs beside the service's sync job: a deletion is claimed only when no sync is pending, and a
 * service being deleted is never claimed for a sync.
 */
export function removeEventTypeJob(options: SyncJobOptions = {}): JobDefinition<RemoveEventTypeJobPayload> {
  return serviceJob(REMOVE_EVENT_TYPE_JOB, REMOVE_EVENT_TYPE_CONCURRENCY, options);
}

/** Makes this process run removal jobs with `handler` (the worker's); the run is a sync's. */
export function defineRemoveEventTypeJob(jobs: Jobs, handler: SyncJobHandler, options: SyncJobOptions = {}): void {
  defineServiceJob(jobs, removeEventTypeJob(options), handler, options.retry);
}

/** Queues the removal for one service, or hands back its live one (and the history row that one records on). */
export async function enqueueRemoveEventTypeJob(jobs: Jobs, payload: RemoveEventTypeJobPayload): Promise<{ jobId: string; attemptId: string }> {
  return enqueueServiceJob(jobs, removeEventTypeJob(), payload);
}

/** Whether a removal job for the service is queued, waiting for a retry or running (the reconciler's question). */
export async function hasLiveRemoveEventTypeJob(jobs: Jobs, serviceId: string): Promise<boolean> {
  return (await jobs.liveJob(removeEventTypeJob(), serviceId)) !== undefined;
}
