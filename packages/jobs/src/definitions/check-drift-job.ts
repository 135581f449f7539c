import { z } from "zod";
import type { Jobs } from "../create-jobs";
import type { JobDefinition } from "../job-definition";

export const CHECK_DRIFT_JOB = "calcom.check-drift";
export const SCHEDULE_DRIFT_CHECKS_JOB = "calcom.schedule-drift-checks";

/**
 * Which company's linked services to check against Cal.com. `byAdmin`: "Check Cal.com now", which an
 * admin waits for, is not held to the drift check's share of the key's budget (the scheduled checks
 * are); it is one request, and it still takes it from the shared budget, so it never earns a 429.
 */
export const checkDriftJobPayloadSchema = z.object({ companyId: z.uuid(), byAdmin: z.boolean().default(false) });
export type CheckDriftJobPayload = z.infer<typeof checkDriftJobPayloadSchema>;

/**
 * `calcom.check-drift`: reads one company's event types (one list call) and marks its linked services
 * in step, changed in Cal.com or missing in Cal.com (packages/sync checkDrift). One live check per
 * company: "Check Cal.com now" while one is queued or running hands back that one. Not retried: the
 * next scheduled check reads again, and a retry would only spend more of the key's budget.
 */
export const checkDriftJob: JobDefinition<CheckDriftJobPayload> = {
  name: CHECK_DRIFT_JOB,
  payload: checkDriftJobPayloadSchema,
  concurrency: 2,
  lockLimit: 3,
  /** One list call (10 s timeout, a wait for the key's budget) and one statement. */
  lockLifetimeMs: 120_000,
  // The outcome is on the services (drift_state, drift_checked_at).
  removeOnComplete: true,
  uniqueBy: "companyId",
};

/**
 * `calcom.schedule-drift-checks`: recurring, without payload (one schedule however many workers
 * register it). Each run queues `calcom.check-drift` for every company with a linked service, so the
 * scheduled checks and "Check Cal.com now" are the same job and never run twice at once for a company.
 */
export const scheduleDriftChecksJob: JobDefinition<Record<string, never>> = {
  name: SCHEDULE_DRIFT_CHECKS_JOB,
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  concurrency: 1,
  lockLimit: 1,
  lockLifetimeMs: 60_000,
};

/** Queues the company's check, or hands back its live one (created: false). */
export async function enqueueDriftCheck(jobs: Jobs, companyId: string, byAdmin = false): Promise<{ jobId: string; created: boolean }> {
  const queued = await jobs.enqueue(checkDriftJob, { companyId, byAdmin });
  return { jobId: queued.jobId, created: queued.created };
}

/** The company's check that is queued or running, if any. */
export async function liveDriftCheck(jobs: Jobs, companyId: string): Promise<{ jobId: string } | undefined> {
  const live = await jobs.liveJob(checkDriftJob, companyId);
  return live && { jobId: live.jobId };
}
