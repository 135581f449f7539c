import type { Orm } from "@askpro/db";
import { RetryableJobError, type SyncJobHandler } from "@askpro/jobs";
import { type AutoSyncFollowUp, type CalcomSettings, runSync } from "@askpro/sync";
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
    const stopRenewing = keepJobLocked(run.job, deps.lockLifetimeMs / 2, (error) => logger.warn({ err: error }, "could not renew the sync job's lock"));
    let outcome: SyncJobOutcome | "held" = "failed";
    try {
      outcome = await runSync(
        { em, logger, calcom: deps.calcom, metrics: deps.metrics, bulk: deps.bulk, autoSyncFollowUp: deps.autoSyncFollowUp, pausedRecheckMs: deps.pausedRecheckMs },
        payload,
        run,
      );
    } catch (error) {
      if (error instanceof RetryableJobError) outcome = "retrying";
      throw error;
    } finally {
      await stopRenewing();
      // A held job (its company paused) did not run: it is counted when it does.
      if (outcome !== "held") deps.metrics?.syncJobFinished(outcome, (Date.now() - handlerStartedAt) / 1000);
    }
  };
}
