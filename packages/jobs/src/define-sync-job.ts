import type { Agenda, Job } from "agenda";
import { z } from "zod";
import { SYNC_JOB } from "./names";
import { type RetryPolicy, retryBackoff, SYNC_RETRY_POLICY } from "./retry";
import { type SyncJobPayload, syncJobPayloadSchema } from "./sync-payload";

/**
 * Well above the Cal.com client's 10 s timeout; a job holding its lock longer is presumed dead and runs
 * again. Agenda also keeps every job in memory for half of it after the job started (its watchdog's
 * sleep), so a longer lifetime costs worker memory in proportion to the sync rate.
 */
export const SYNC_LOCK_LIFETIME_MS = 30_000;
/** Syncs one worker runs at once; the Cal.com client paces the requests to the API's rate limit. */
export const SYNC_CONCURRENCY = 5;

export interface SyncJobRun {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** A RetryableJobError thrown now fails the job for good. */
  isLastAttempt: boolean;
  job: Job;
}

export type SyncJobHandler = (payload: SyncJobPayload, run: SyncJobRun) => Promise<void>;

export interface SyncJobOptions {
  retry?: RetryPolicy;
  concurrency?: number;
  /** Defaults to SYNC_LOCK_LIFETIME_MS; tests shorten it to take over a killed worker's job quickly. */
  lockLifetimeMs?: number;
}

/**
 * Registers the worker's handler for `calcom.update-event-type`. The job data is validated first:
 * an invalid payload fails the job without a retry. The handler throws RetryableJobError to be
 * tried again after the policy's backoff; any other error fails the job for good.
 */
export function defineSyncJob(agenda: Agenda, handler: SyncJobHandler, options: SyncJobOptions = {}): void {
  const retry = options.retry ?? SYNC_RETRY_POLICY;
  const concurrency = options.concurrency ?? SYNC_CONCURRENCY;
  agenda.define(
    SYNC_JOB,
    async (job: Job<unknown>) => {
      const payload = syncJobPayloadSchema.safeParse(job.attrs.data);
      if (!payload.success) throw new Error(`Invalid ${SYNC_JOB} job data: ${z.prettifyError(payload.error)}`);
      const attempt = (job.attrs.failCount ?? 0) + 1;
      await handler(payload.data, {
        jobId: String(job.attrs._id),
        attempt,
        maxAttempts: retry.maxAttempts,
        isLastAttempt: attempt >= retry.maxAttempts,
        job,
      });
    },
    {
      concurrency,
      // Lock no more than can run, and one more: extra locked jobs would wait here while another
      // worker is idle, but the one extra lets the wake-up a finished job gives its worker (see
      // createJobs), which comes while Agenda still counts the finished job, lock the next one.
      lockLimit: concurrency + 1,
      lockLifetime: options.lockLifetimeMs ?? SYNC_LOCK_LIFETIME_MS,
      backoff: retryBackoff(retry),
      // The outcome is recorded on the sync-attempt row; finished jobs only slow the live-job lookup.
      removeOnComplete: true,
    },
  );
}
