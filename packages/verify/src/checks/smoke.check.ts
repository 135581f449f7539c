import { type EntityManager, Service, SyncAttempt } from "@askpro/db";
import { type RequestSyncResult, requestSync } from "@askpro/sync";
import { type Check, fail, pass } from "../check";
import { findTestService } from "./find-test-service";

const POLL_MS = 100;
const quiet = { info: () => undefined, error: () => undefined };

export const smokeCheck: Check = {
  id: "smoke",
  title: "Smoke: a real sync of the test service",
  needs: ["test-service", "job-store", "worker"],
  async run(ctx) {
    const lookup = await findTestService(ctx);
    if ("problem" in lookup) return fail(lookup.problem, lookup.fix);
    const service = lookup.found;
    const em = (await ctx.orm()).em.fork();
    const started = Date.now();
    // requestedById null: the system asks, as the reconciler does. companyId null: any company.
    const request = await requestSync({ em, jobs: ctx.jobs, serviceId: service.id, companyId: null, requestedById: null, logger: quiet });
    if (request.outcome === "enqueue_failed") return fail(request.reason, "check the job store (see the job-store check) and run verify again");
    if (request.outcome === "no_event_type") {
      return fail(`"${service.name}" has no Cal.com event type`, "link its event type, or pick another with --service");
    }
    // already_pending: a sync someone else queued is running; its end proves the same path.
    const joined = request.outcome === "already_pending" ? " (joined a sync already pending)" : "";

    const deadline = started + ctx.options.timeoutMs;
    for (;;) {
      const state = await em.findOne(Service, { id: service.id }, { fields: ["syncStatus", "syncError"], refresh: true });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const data = { serviceId: service.id, durationMs: Date.now() - started };
      if (state?.syncStatus === "synced") return pass(`"${service.name}" synced with Cal.com in ${seconds} s${joined}`, data);
      if (state?.syncStatus === "error") {
        return fail(
          `"${service.name}" ended in error after ${seconds} s: ${state.syncError ?? "no reason recorded"}`,
          "fix the cause named above (the service's sync history has every attempt), then run verify again",
          data,
        );
      }
      if (Date.now() >= deadline) {
        return fail(
          `"${service.name}" still ${state?.syncStatus ?? "missing"} after ${seconds} s${joined}; ${await progressOf(em, request)}`,
          "see the worker's log for calcom.update-event-type; raise --timeout if Cal.com is merely slow",
          data,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  },
};

/** Where a timed-out sync got to: never taken by a worker, or taken and still trying. */
async function progressOf(em: EntityManager, request: RequestSyncResult): Promise<string> {
  if (request.outcome !== "queued") return "the pending sync was not started by this run";
  const attempt = await em.findOne(SyncAttempt, { id: request.attemptId }, { refresh: true });
  if (!attempt?.startedAt) return "no worker has started the job";
  const last = attempt.errorMessage ? `, last error: ${attempt.errorMessage}` : "";
  return `a worker started it (attempt ${attempt.attemptNumber}${last})`;
}
