import type { Orm } from "@askpro/db";
import { type Jobs, reconcileJob } from "@askpro/jobs";
import { type ReconcileOptions, reconcileLostDeletions, reconcilePendingSyncs } from "@askpro/sync";
import type { Logger } from "../logger";

export const DEFAULT_RECONCILE_INTERVAL_MS = 30_000;
export const DEFAULT_PENDING_AFTER_MS = 2 * 60_000;

export interface ReconcileJobConfig extends ReconcileOptions {
  intervalMs: number;
}

/**
 * Makes this worker run `calcom.reconcile-pending` (reconcilePendingSyncs and reconcileLostDeletions,
 * packages/sync) and schedules it every `intervalMs`: one schedule however many workers register it, run on one
 * worker at a time.
 */
export async function registerReconcileJob(jobs: Jobs, deps: { orm: Orm; logger: Logger }, config: ReconcileJobConfig): Promise<void> {
  const { intervalMs, ...options } = config;
  jobs.define(reconcileJob, async () => {
    const reenqueued = await reconcilePendingSyncs({ ...deps, jobs }, options);
    // A deletion waiting for its Cal.com job is as easily lost as a sync.
    const deletions = await reconcileLostDeletions({ ...deps, jobs }, options);
    deps.logger.debug({ reenqueued: reenqueued.length, deletions: deletions.length }, "reconciled pending syncs and deletions");
  });
  await jobs.every(reconcileJob, intervalMs);
}
