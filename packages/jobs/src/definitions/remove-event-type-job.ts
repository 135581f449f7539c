import { z } from "zod";
import type { Jobs } from "../create-jobs";
import type { JobDefinition } from "../job-definition";
import { retryDelayMs, SYNC_RETRY_POLICY } from "../retry";
import { SYNC_LOCK_LIFETIME_MS, type SyncJobHandler, type SyncJobOptions } from "./sync-job";

export const REMOVE_EVENT_TYPE_JOB = "calcom.remove-event-type";

/** Which service is being deleted, and its history row (kind hide or delete: what to do in Cal.com). */
export const removeEventTypeJobPayloadSchema = z.object({
  serviceId: z.string().min(1),
  attemptId: z.string().min(1),
});
export type RemoveEventTypeJobPayload = z.infer<typeof removeEventTypeJobPayloadSchema>;

/** Deletions are rare and made by hand: a couple at once per worker is plenty. */
export const REMOVE_EVENT_TYPE_CONCURRENCY = 2;

/**
 * `calcom.remove-event-type`: as a linked service is deleted, hides (PATCH hidden: true) or deletes its
 * event type in Cal.com, then removes the service. Retried like a sync; one live job per service. It
 * never runs beside the service's sync job: a deletion is claimed only when no sync is pending, and a
 * service being deleted is never claimed for a sync.
 */
export function removeEventTypeJob(options: SyncJobOptions = {}): JobDefinition<RemoveEventTypeJobPayload> {
  const retry = options.retry ?? SYNC_RETRY_POLICY;
  const concurrency = options.concurrency ?? REMOVE_EVENT_TYPE_CONCURRENCY;
  return {
    name: REMOVE_EVENT_TYPE_JOB,
    payload: removeEventTypeJobPayloadSchema,
    concurrency,
    lockLimit: concurrency + 1,
    lockLifetimeMs: options.lockLifetimeMs ?? SYNC_LOCK_LIFETIME_MS,
    retryDelayMs: (failedAttempt, error) => retryDelayMs(retry, failedAttempt, error),
    // The outcome is the service gone, or its reason on the service and its history row.
    removeOnComplete: true,
    uniqueBy: "serviceId",
  };
}

/** Makes this process run removal jobs with `handler` (the worker's); the run is a sync's. */
export function defineRemoveEventTypeJob(jobs: Jobs, handler: SyncJobHandler, options: SyncJobOptions = {}): void {
  const maxAttempts = (options.retry ?? SYNC_RETRY_POLICY).maxAttempts;
  jobs.define(removeEventTypeJob(options), (payload, run) => handler(payload, { ...run, maxAttempts, isLastAttempt: run.attempt >= maxAttempts }));
}

/** Queues the removal for one service, or hands back its live one (and the history row that one records on). */
export async function enqueueRemoveEventTypeJob(jobs: Jobs, payload: RemoveEventTypeJobPayload): Promise<{ jobId: string; attemptId: string }> {
  const queued = await jobs.enqueue(removeEventTypeJob(), payload);
  return { jobId: queued.jobId, attemptId: queued.payload.attemptId };
}

/** Whether a removal job for the service is queued, waiting for a retry or running (the reconciler's question). */
export async function hasLiveRemoveEventTypeJob(jobs: Jobs, serviceId: string): Promise<boolean> {
  return (await jobs.liveJob(removeEventTypeJob(), serviceId)) !== undefined;
}
