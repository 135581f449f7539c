import type { EntityManager } from "@askpro/db";
import { type Jobs, syncJobPayloadSchema } from "@askpro/jobs";
import type { Logger } from "pino";
import { requestAutoSyncFollowUp } from "./request-auto-sync";

/**
 * Auto-sync's follow-up: when a job this process ran that synced a service has finished (and left the
 * store, so a new job may be queued), a save made while it ran is not lost. Such a save found the
 * service pending and asked for nothing; if the service is now synced but still changed since that
 * sync, and its company has auto-sync on, another sync is requested (packages/sync decides).
 */
export function registerAutoSyncFollowUp(jobs: Jobs, deps: { em: EntityManager; logger: Logger; delayMs?: number | undefined }): () => void {
  const { em } = deps;
  return jobs.onFinished((_jobId, payload) => {
    // Sync and create jobs carry the service; a removal's service is gone and is skipped by the use case.
    const parsed = syncJobPayloadSchema.safeParse(payload);
    if (!parsed.success) return;
    const logger = deps.logger.child({ service_id: parsed.data.serviceId, auto_sync: "follow-up" });
    requestAutoSyncFollowUp({ em, jobs, serviceId: parsed.data.serviceId, requestedById: null, logger, delayMs: deps.delayMs }).catch((error: unknown) =>
      logger.error({ err: error }, "auto-sync follow-up could not be requested"),
    );
  });
}
