import type { Orm } from "@askpro/db";
import { RetryableJobError, type SyncJobHandler } from "@askpro/jobs";
import { type AutoSyncFollowUp, type CalcomSettings, holdWhilePaused, runSync } from "@askpro/sync";
import type { Logger } from "../logger";
import type { SyncJobMetrics, SyncJobOutcome } from "../metrics/worker-metrics";
import { keepJobLocked } from "./keep-job-locked";

export interface UpdateEventTypeDependencies {
  orm: Orm;
  logger: Logger;
  calcom: CalcomSettings;
  /** The job's lock lifetime: the lock is renewed at half of it while a sync runs. */
  lockLifetimeMs: number;
  /** How long a paused company's job waits before it looks again (tests shorten it). */
  pausedRecheckMs?: number | undefined;
  metrics?: SyncJobMetrics | undefined;
  /** The bulk queue's handler (runSync's `bulk`). */
  bulk?: boolean | undefined;
  /** Auto-sync's follow-up of this worker, told of jobs whose company has auto-sync on. */
  autoSyncFollowUp?: AutoSyncFollowUp | undefined;
}

/**
 * The worker's `calcom.update-event-type` handler: runSync (packages/sync) does the sync; around it
 * the worker keeps the job's lock alive and counts the run's outcome.
 */
export function createUpdateEventTypeHandler(deps: UpdateEventTypeDependencies): SyncJobHandler {
  // runSync's statements go through Kysely on the pool, never the identity map: one fork serves every run.
  const em = deps.orm.em.fork();
  return async (payload, run) => {
    const handlerStartedAt = Date.now();
    const logger = deps.logger.child({ service_id: payload.serviceId, attempt_id: payload.attemptId, job_id: run.jobId, attempt: run.attempt });
    // "Pause syncing": the job stays the service's one live job and waits; nothing is sent or recorded.
    if (await holdWhilePaused(em, payload.serviceId, run, deps.pausedRecheckMs)) {
      logger.info({ outcome: "held" }, "sync held: the company's syncing is paused");
      return;
    }
    const stopRenewing = keepJobLocked(run.job, deps.lockLifetimeMs / 2, (error) => logger.warn({ err: error }, "could not renew the sync job's lock"));
    let outcome: SyncJobOutcome = "failed";
    try {
      outcome = await runSync({ em, logger, calcom: deps.calcom, metrics: deps.metrics, bulk: deps.bulk, autoSyncFollowUp: deps.autoSyncFollowUp }, payload, run);
    } catch (error) {
      if (error instanceof RetryableJobError) outcome = "retrying";
      throw error;
    } finally {
      await stopRenewing();
      deps.metrics?.syncJobFinished(outcome, (Date.now() - handlerStartedAt) / 1000);
    }
  };
}
