import { RetryableJobError, type SyncJobHandler } from "@askpro/jobs";
import { holdWhilePaused, runCreate } from "@askpro/sync";
import type { SyncJobOutcome } from "../metrics/worker-metrics";
import { keepJobLocked } from "./keep-job-locked";
import type { UpdateEventTypeDependencies } from "./update-event-type.handler";

/**
 * The worker's `calcom.create-event-type` handler ("Create in Cal.com"): runCreate (packages/sync)
 * creates and links the event type; around it the worker keeps the job's lock alive and counts the run
 * among the sync jobs, whose live status, retries and history it shares.
 */
export function createCreateEventTypeHandler(deps: UpdateEventTypeDependencies): SyncJobHandler {
  const em = deps.orm.em.fork();
  return async (payload, run) => {
    const handlerStartedAt = Date.now();
    const logger = deps.logger.child({ job: "create", service_id: payload.serviceId, attempt_id: payload.attemptId, job_id: run.jobId, attempt: run.attempt });
    // "Pause syncing" holds a create as it holds a sync: nothing is sent to Cal.com for the company.
    if (await holdWhilePaused(em, payload.serviceId, run, deps.pausedRecheckMs)) {
      logger.info({ outcome: "held" }, "create held: the company's syncing is paused");
      return;
    }
    const stopRenewing = keepJobLocked(run.job, deps.lockLifetimeMs / 2, (error) => logger.warn({ err: error }, "could not renew the create job's lock"));
    let outcome: SyncJobOutcome = "failed";
    try {
      outcome = await runCreate({ em, logger, calcom: deps.calcom, metrics: deps.metrics, autoSyncFollowUp: deps.autoSyncFollowUp }, payload, run);
    } catch (error) {
      if (error instanceof RetryableJobError) outcome = "retrying";
      throw error;
    } finally {
      await stopRenewing();
      deps.metrics?.syncJobFinished(outcome, (Date.now() - handlerStartedAt) / 1000);
    }
  };
}
