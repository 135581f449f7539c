import type { Job } from "agenda";
import type { z } from "zod";

/**
 * One kind of job: its name in the store, the schema its payload must pass (checked when it is
 * queued and again when it runs), and how Agenda runs it. The handler is supplied by the process
 * that runs the job (the worker), so the api can queue it without the worker's dependencies.
 */
export interface JobDefinition<Payload> {
  name: string;
  payload: z.ZodType<Payload>;
  /** Jobs of this kind one worker runs at once. */
  concurrency: number;
  /** Jobs of this kind one worker locks at once (running ones included). */
  lockLimit: number;
  /** A job holding its lock longer is presumed dead and runs again. */
  lockLifetimeMs: number;
  /** Milliseconds to wait before trying a failed run again, or null to fail it for good. */
  retryDelayMs?: (failedAttempt: number, error: unknown) => number | null;
  /** Deleted from the store once it succeeded (its outcome is recorded elsewhere). */
  removeOnComplete?: boolean;
  /**
   * At most one live job (queued, waiting for a retry, or running) per value of this payload field:
   * enqueue hands back the live one instead of adding another.
   */
  uniqueBy?: keyof Payload & string;
}

export interface JobRun {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The running job, for `touch()` (renewing its lock) in long runs. */
  job: Job;
}

export type JobHandler<Payload> = (payload: Payload, run: JobRun) => Promise<void>;

/** A job in the store, as enqueue and liveJob report it. */
export interface QueuedJob<Payload> {
  jobId: string;
  payload: Payload;
  /** False when a live job for the same key was there already and is returned instead. */
  created: boolean;
}

/**
 * Ends the running job's handler without running it (a paused company's sync): Agenda saves the job
 * with this due time instead of removing it, and clears its failure count (a pause is no failure, so
 * no retry is spent on it). The job stays the service's one live job.
 */
export function putBack(run: JobRun, at: Date): void {
  run.job.schedule(at);
}
