import type { SyncJobHandler } from "@askpro/jobs";
import { holdWhilePaused, runEventTypeRemoval } from "@askpro/sync";
import { keepJobLocked } from "./keep-job-locked";
import type { UpdateEventTypeDependencies } from "./update-event-type.handler";

/**
 * The worker's `calcom.remove-event-type` handler: runEventTypeRemoval (packages/sync) hides or deletes
 * the event type of a service being deleted, then removes the service; around it the worker keeps the
 * job's lock alive (the key's pacer may hold the call back). Not counted among the sync jobs' outcomes.
 */
export function createRemoveEventTypeHandler(deps: UpdateEventTypeDependencies): SyncJobHandler {
  const em = deps.orm.em.fork();
  return async (payload, run) => {
    const logger = deps.logger.child({ job: "remove-event-type", service_id: payload.serviceId, attempt_id: payload.attemptId, job_id: run.jobId, attempt: run.attempt });
    // "Pause syncing" holds the hide or delete in Cal.com too; the service stays "deleting" meanwhile.
    if (await holdWhilePaused(em, payload.serviceId, run, deps.pausedRecheckMs)) {
      logger.info({ outcome: "held" }, "event type removal held: the company's syncing is paused");
      return;
    }
    const stopRenewing = keepJobLocked(run.job, deps.lockLifetimeMs / 2, (error) => logger.warn({ err: error }, "could not renew the removal job's lock"));
    try {
      await runEventTypeRemoval({ em, logger, calcom: deps.calcom, metrics: deps.metrics }, payload, run);
    } finally {
      await stopRenewing();
    }
  };
}
