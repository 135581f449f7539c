import type { Jobs } from "../create-jobs";
import type { JobDefinition } from "../job-definition";
import {
  defineServiceJob,
  enqueueServiceJob,
  SYNC_CONCURRENCY,
  type SyncJobHandler,
  type SyncJobOptions,
  type SyncJobPayload,
  serviceJob,
  syncJobPayloadSchema,
} from "./sync-job";

export const CREATE_EVENT_TYPE_JOB = "calcom.create-event-type";

/** Which service to create in Cal.com, and its history row (kind "create"). */
export const createEventTypeJobPayloadSchema = syncJobPayloadSchema;
export type CreateEventTypeJobPayload = SyncJobPayload;

/**
 * `calcom.create-event-type` ("Create in Cal.com"): runs like a sync (the same retries, lock lifetime
 * and concurrency), one live job per service. It never runs beside the service's sync job: a create is
 * claimed only for a service without an event type, a sync only for one with, and both keep the
 * service pending until their job ends.
 */
export function createEventTypeJob(options: SyncJobOptions = {}): JobDefinition<CreateEventTypeJobPayload> {
  return serviceJob(CREATE_EVENT_TYPE_JOB, SYNC_CONCURRENCY, options);
}

/** Makes this process run create jobs with `handler` (the worker's create in Cal.com); the run is a sync's. */
export function defineCreateEventTypeJob(jobs: Jobs, handler: SyncJobHandler, options: SyncJobOptions = {}): void {
  defineServiceJob(jobs, createEventTypeJob(options), handler, options.retry);
}

/** Queues the create of one service, or hands back its live create job (and the history row that one records on). */
export async function enqueueCreateEventTypeJob(jobs: Jobs, payload: CreateEventTypeJobPayload): Promise<{ jobId: string; attemptId: string }> {
  return enqueueServiceJob(jobs, createEventTypeJob(), payload);
}

/** Whether a create job for the service is queued, waiting for a retry or running. */
export async function hasLiveCreateJob(jobs: Jobs, serviceId: string): Promise<boolean> {
  return (await jobs.liveJob(createEventTypeJob(), serviceId)) !== undefined;
}
