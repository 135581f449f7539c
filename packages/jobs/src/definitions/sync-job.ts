import { z } from "zod";
import type { Jobs } from "../create-jobs";
import type { JobDefinition, JobRun } from "../job-definition";
import { type RetryPolicy, retryDelayMs, SYNC_RETRY_POLICY } from "../retry";

export const SYNC_JOB = "calcom.update-event-type";
/**
 * A bulk run's syncs: the same work as SYNC_JOB, in a queue of their own with slots of their own, so
 * that a single click (SYNC_JOB), of this company or another, never waits behind a bulk run: Agenda
 * takes a kind's jobs in the order they fell due, so in one queue a click would wait for every
 * bulk sync requested before it.
 */
export const BULK_SYNC_JOB = "calcom.bulk-update-event-type";

/** Which service to push to Cal.com, and the sync-attempt row to record on. */
export const syncJobPayloadSchema = z.object({
  serviceId: z.string().min(1),
  attemptId: z.string().min(1),
});
export type SyncJobPayload = z.infer<typeof syncJobPayloadSchema>;

/**
 * Well above the Cal.com client's 10 s timeout; a job holding its lock longer is presumed dead and runs
 * again. Agenda also keeps every job in memory for half of it after the job started (its watchdog's
 * sleep), so a longer lifetime costs worker memory in proportion to the sync rate.
 */
export const SYNC_LOCK_LIFETIME_MS = 30_000;
/** Syncs one worker runs at once; the Cal.com client paces the requests to the API's rate limit. */
export const SYNC_CONCURRENCY = 5;
/** Bulk syncs one worker runs at once, beside the clicks' SYNC_CONCURRENCY. */
export const BULK_SYNC_CONCURRENCY = 4;

export interface SyncJobOptions {
  retry?: RetryPolicy | undefined;
  concurrency?: number | undefined;
  /** Tests shorten it to take over a killed worker's job quickly. */
  lockLifetimeMs?: number | undefined;
}

/**
 * A job about one service that runs like a sync (sync, create in Cal.com, remove from Cal.com): the
 * sync's retries and lock lifetime, one live job per service, and a payload naming the service and
 * the history row it records on.
 */
export function serviceJob(name: string, defaultConcurrency: number, options: SyncJobOptions = {}): JobDefinition<SyncJobPayload> {
  const retry = options.retry ?? SYNC_RETRY_POLICY;
  const concurrency = options.concurrency ?? defaultConcurrency;
  return {
    name,
    payload: syncJobPayloadSchema,
    concurrency,
    // Lock no more than can run, and one more: extra locked jobs would wait here while another
    // worker is idle, but the one extra lets the wake-up a finished job gives its worker (see
    // agenda-workarounds), which comes while Agenda still counts the finished job, lock the next one.
    lockLimit: concurrency + 1,
    lockLifetimeMs: options.lockLifetimeMs ?? SYNC_LOCK_LIFETIME_MS,
    retryDelayMs: (failedAttempt, error) => retryDelayMs(retry, failedAttempt, error),
    // The outcome is recorded on the history row; finished jobs only slow the live-job lookup.
    removeOnComplete: true,
    uniqueBy: "serviceId",
  };
}

/**
 * `calcom.update-event-type`: one live job per service. A handler throws RetryableJobError to be
 * tried again after the policy's backoff; any other error fails the job for good.
 */
export function syncJob(options: SyncJobOptions = {}): JobDefinition<SyncJobPayload> {
  return serviceJob(SYNC_JOB, SYNC_CONCURRENCY, options);
}

/** `calcom.bulk-update-event-type`: a bulk run's sync of one service (see BULK_SYNC_JOB). */
export function bulkSyncJob(options: SyncJobOptions = {}): JobDefinition<SyncJobPayload> {
  return serviceJob(BULK_SYNC_JOB, BULK_SYNC_CONCURRENCY, options);
}

export interface SyncJobRun extends JobRun {
  maxAttempts: number;
  /** A RetryableJobError thrown now fails the job for good. */
  isLastAttempt: boolean;
}

export type SyncJobHandler = (payload: SyncJobPayload, run: SyncJobRun) => Promise<void>;

/** Makes this process run `definition`'s jobs with `handler`, which learns whether it is the last attempt. */
export function defineServiceJob(jobs: Jobs, definition: JobDefinition<SyncJobPayload>, handler: SyncJobHandler, retry: RetryPolicy = SYNC_RETRY_POLICY): void {
  const { maxAttempts } = retry;
  jobs.define(definition, (payload, run) => handler(payload, { ...run, maxAttempts, isLastAttempt: run.attempt >= maxAttempts }));
}

/** Makes this process run sync jobs with `handler` (the worker's Cal.com push). */
export function defineSyncJob(jobs: Jobs, handler: SyncJobHandler, options: SyncJobOptions = {}): void {
  defineServiceJob(jobs, syncJob(options), handler, options.retry);
}

/** Makes this process run a bulk run's sync jobs with `handler`. */
export function defineBulkSyncJob(jobs: Jobs, handler: SyncJobHandler, options: SyncJobOptions = {}): void {
  defineServiceJob(jobs, bulkSyncJob(options), handler, options.retry);
}

/** The service's live sync job, and the sync attempt it records on (another caller's when one was already live). */
export interface QueuedSyncJob {
  jobId: string;
  attemptId: string;
}

/** Queues `definition`'s job for one service (due now, or at `at`), or hands back the service's live one. */
export async function enqueueServiceJob(jobs: Jobs, definition: JobDefinition<SyncJobPayload>, payload: SyncJobPayload, options: { at?: Date } = {}): Promise<QueuedSyncJob> {
  const queued = await jobs.enqueue(definition, payload, options);
  return { jobId: queued.jobId, attemptId: queued.payload.attemptId };
}

/**
 * Queues a sync of one service (due now, or at `at`; a bulk run's in its own queue), or hands back the
 * service's live sync job of that queue.
 */
export async function enqueueSyncJob(jobs: Jobs, payload: SyncJobPayload, options: { at?: Date; bulk?: boolean } = {}): Promise<QueuedSyncJob> {
  return enqueueServiceJob(jobs, options.bulk ? bulkSyncJob() : syncJob(), payload, options.at ? { at: options.at } : {});
}

/** enqueueSyncJob's job id alone. */
export async function enqueueSync(jobs: Jobs, payload: SyncJobPayload): Promise<string> {
  return (await enqueueSyncJob(jobs, payload)).jobId;
}

/** Whether a sync job for the service, a click's or a bulk run's, is queued, waiting for a retry or running (the reconciler's question). */
export async function hasLiveJob(jobs: Jobs, serviceId: string): Promise<boolean> {
  return (await jobs.liveJob(syncJob(), serviceId)) !== undefined || (await jobs.liveJob(bulkSyncJob(), serviceId)) !== undefined;
}
