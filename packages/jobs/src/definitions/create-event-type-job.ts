import { z } from "zod";
import type { Jobs } from "../create-jobs";
import type { JobDefinition } from "../job-definition";
import { retryDelayMs, SYNC_RETRY_POLICY } from "../retry";
import { SYNC_CONCURRENCY, SYNC_LOCK_LIFETIME_MS, type SyncJobHandler, type SyncJobOptions } from "./sync-job";

export const CREATE_EVENT_TYPE_JOB = "calcom.create-event-type";

/** Which service to create in Cal.com, and its history row (kind "create"). */
export const createEventTypeJobPayloadSchema = z.object({
  serviceId: z.string().min(1),
  attemptId: z.string().min(1),
});
export type CreateEventTypeJobPayload = z.infer<typeof createEventTypeJobPayloadSchema>;

/**
 * `calcom.create-event-type` ("Create in Cal.com"): runs like a sync (the same retries, lock lifetime
 * and concurrency), one live job per service. It never runs beside the service's sync job: a create is
 * claimed only for a service without an event type, a sync only for one with, and both keep the
 * service pending until their job ends.
 */
export function createEventTypeJob(options: SyncJobOptions = {}): JobDefinition<CreateEventTypeJobPayload> {
  const retry = options.retry ?? SYNC_RETRY_POLICY;
  const concurrency = options.concurrency ?? SYNC_CONCURRENCY;
  return {
    name: CREATE_EVENT_TYPE_JOB,
    payload: createEventTypeJobPayloadSchema,
    concurrency,
    lockLimit: concurrency + 1,
    lockLifetimeMs: options.lockLifetimeMs ?? SYNC_LOCK_LIFETIME_MS,
    retryDelayMs: (failedAttempt, error) => retryDelayMs(retry, failedAttempt, error),
    // The outcome is recorded on the history row; finished jobs only slow the live-job lookup.
    removeOnComplete: true,
    uniqueBy: "serviceId",
  };
}

/** Makes this process run create jobs with `handler` (the worker's create in Cal.com); the run is a sync's. */
export function defineCreateEventTypeJob(jobs: Jobs, handler: SyncJobHandler, options: SyncJobOptions = {}): void {
  const maxAttempts = (options.retry ?? SYNC_RETRY_POLICY).maxAttempts;
  jobs.define(createEventTypeJob(options), (payload, run) => handler(payload, { ...run, maxAttempts, isLastAttempt: run.attempt >= maxAttempts }));
}

/** Queues the create of one service, or hands back its live create job (and the history row that one records on). */
export async function enqueueCreateEventTypeJob(jobs: Jobs, payload: CreateEventTypeJobPayload): Promise<{ jobId: string; attemptId: string }> {
  const queued = await jobs.enqueue(createEventTypeJob(), payload);
  return { jobId: queued.jobId, attemptId: queued.payload.attemptId };
}

/** Whether a create job for the service is queued, waiting for a retry or running. */
export async function hasLiveCreateJob(jobs: Jobs, serviceId: string): Promise<boolean> {
  return (await jobs.liveJob(createEventTypeJob(), serviceId)) !== undefined;
}
