import { type EntityManager, failedServiceIds } from "@askpro/db";
import { type JobsSource, type RequestSyncLogger, type RequestSyncResult, requestSync, SyncServiceNotFoundError } from "./request-sync";

export interface RetryFailedSyncsOptions {
  em: EntityManager;
  jobs: JobsSource;
  /** null: every company (a platform operator). */
  companyId: string | null;
  /** Failures since then are retried (the operations page's window). */
  since: Date;
  /** The most services one call requests. */
  limit: number;
  requestedById: string | null;
  logger: RequestSyncLogger;
}

export type RetryFailedSyncsResult = Record<RequestSyncResult["outcome"] | "gone", number>;

/**
 * "Retry all failed": the normal sync decision (requestSync) for each service in `error` after a sync
 * that failed in the window, one after another. Each request is its own conditional claim, so a
 * service clicked meanwhile, or named twice, still gets one job.
 */
export async function retryFailedSyncs(options: RetryFailedSyncsOptions): Promise<RetryFailedSyncsResult> {
  const { em, companyId } = options;
  const ids = await failedServiceIds(em, { companyId, since: options.since, limit: options.limit });
  const counts: RetryFailedSyncsResult = { queued: 0, already_pending: 0, no_event_type: 0, enqueue_failed: 0, gone: 0 };
  for (const serviceId of ids) {
    try {
      const result = await requestSync({ em, jobs: options.jobs, serviceId, companyId, requestedById: options.requestedById, logger: options.logger });
      counts[result.outcome] += 1;
    } catch (error) {
      // Deleted since it was listed.
      if (!(error instanceof SyncServiceNotFoundError)) throw error;
      counts.gone += 1;
    }
  }
  return counts;
}
