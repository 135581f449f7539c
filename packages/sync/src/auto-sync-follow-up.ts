import type { EntityManager } from "@askpro/db";
import { type Jobs, syncJobPayloadSchema } from "@askpro/jobs";
import type { Logger } from "pino";
import { requestAutoSyncFollowUp } from "./request-auto-sync";

/** Which of this process's jobs ask for auto-sync's follow-up once they finished. */
export interface AutoSyncFollowUp {
  /** The job's company has auto-sync on: look again once the job has finished. */
  expect(jobId: string): void;
  /** Stops listening. */
  stop(): void;
}

/**
 * Auto-sync's follow-up: when a job this process ran that synced a service has finished (and left the
 * store, so a new job may be queued), a save made while it ran is not lost. Such a save found the
 * service pending and asked for nothing; if the service is now synced but still changed since that
 * sync, and its company has auto-sync on, another sync is requested (packages/sync decides).
 *
 * Only for the jobs the run said to `expect` (their company had auto-sync on when the job read it):
 * with auto-sync off, the default, a finished sync costs no statement here.
 */
export function registerAutoSyncFollowUp(jobs: Jobs, deps: { em: EntityManager; logger: Logger; delayMs?: number | undefined }): AutoSyncFollowUp {
  const { em } = deps;
  const expected = new Set<string>();
  const unsubscribe = jobs.onFinished((jobId, payload) => {
    if (!expected.delete(jobId)) return;
    // Sync and create jobs carry the service; a removal's service is gone and is skipped by the use case.
    const parsed = syncJobPayloadSchema.safeParse(payload);
    if (!parsed.success) return;
    const logger = deps.logger.child({ service_id: parsed.data.serviceId, auto_sync: "follow-up" });
    requestAutoSyncFollowUp({ em, jobs, serviceId: parsed.data.serviceId, requestedById: null, logger, delayMs: deps.delayMs }).catch((error: unknown) =>
      logger.error({ err: error }, "auto-sync follow-up could not be requested"),
    );
  });
  return {
    expect: (jobId) => {
      expected.add(jobId);
    },
    stop: () => {
      unsubscribe();
      expected.clear();
    },
  };
}
