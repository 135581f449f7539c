import { z } from "zod";
import type { JobDefinition } from "../job-definition";

export const RECONCILE_JOB = "calcom.reconcile-pending";

/**
 * `calcom.reconcile-pending`: a recurring job without payload. Agenda keeps one schedule per name,
 * however many workers register it, and runs it on one worker at a time.
 */
export const reconcileJob: JobDefinition<Record<string, never>> = {
  name: RECONCILE_JOB,
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  concurrency: 1,
  lockLimit: 1,
  /** A run takes a few queries; a crashed worker's run is taken over after this. */
  lockLifetimeMs: 60_000,
};
